import type { IslandMeta, Locale } from '../types';

/** Everything the 4.1.2 vector island says, per locale. Values are filled into `{name}` slots. */
export interface VectorsStrings {
  meta: IslandMeta;
  opLabel: string;
  ops: { sum: string; difference: string; scale: string; dot: string };
  fields: { ax: string; ay: string; bx: string; by: string; k: string };
  vectorA: string;
  vectorB: string;
  handleA: string;
  handleB: string;
  dragHint: string;
  chartLabel: string;
  axisX: string;
  axisY: string;
  labels: { a: string; b: string; sum: string; difference: string; scaled: string; projection: string; theta: string };
  explain: {
    sum: string;
    difference: string;
    scalePositive: string;
    scaleNegative: string;
    scaleZero: string;
    dot: string;
    projection: string;
    scalarProjection: string;
  };
  relation: { orthogonal: string; parallel: string; opposite: string; acute: string; obtuse: string };
  zero: { a: string; b: string; both: string; projectionOnZero: string };
  legend: { a: string; b: string; result: string; projection: string };
  fallback: string;
}

const zhCN: VectorsStrings = {
  meta: {
    title: '向量实验台：加、减、数乘与内积的几何意义',
    lede: '拖动（或用方向键移动）两个平面向量 a、b 的终点，看它们的和（平行四边形）、差、数乘 k·a，以及内积如何等于 |a||b|cos θ、又为什么是 a 在 b 上的投影长度乘以 |b|；公式会代入当前的数字重新排版。',
    presets: {
      orthogonal: '正交：a·b = 0',
      parallel: '同向平行：cos θ = 1',
      projection: '投影：a 在水平的 b 上的影子',
      zero: '零向量：没有方向，也就没有夹角',
    },
  },
  opLabel: '画出',
  ops: { sum: '和 a + b', difference: '差 a − b', scale: '数乘 k·a', dot: '内积与投影' },
  fields: { ax: 'a 的横坐标 a₁', ay: 'a 的纵坐标 a₂', bx: 'b 的横坐标 b₁', by: 'b 的纵坐标 b₂', k: '标量 k' },
  vectorA: '向量 a',
  vectorB: '向量 b',
  handleA: '向量 a 的终点',
  handleB: '向量 b 的终点',
  dragHint: '拖动圆点，或先按 Tab 选中它再用方向键移动（每次 0.5，按住 Shift 每次 5）。',
  chartLabel: '坐标平面上的向量 a = ({ax}, {ay}) 与 b = ({bx}, {by})',
  axisX: 'x₁',
  axisY: 'x₂',
  labels: { a: 'a', b: 'b', sum: 'a + b', difference: 'a − b', scaled: 'k·a', projection: 'proj', theta: 'θ' },
  explain: {
    sum: '平行四边形法则：把 b 平移到 a 的终点（虚线），a + b 就是从原点到那里的对角线；各分量分别相加。',
    difference: 'a − b 是从 b 的终点指向 a 的终点的向量（虚线），平移到原点就是实线；因为 b + (a − b) = a。',
    scalePositive: 'k > 0：方向不变，长度变为 |k| 倍，|k·a| = |k|·|a| = {length}。',
    scaleNegative: 'k < 0：方向反转，长度变为 |k| 倍，|k·a| = |k|·|a| = {length}。',
    scaleZero: 'k = 0：k·a 是零向量。',
    dot: '内积有两种算法：各分量相乘再相加，或者长度之积乘以夹角的余弦；两者相等。',
    projection: 'a 在 b 方向上的投影（紫色虚线）是 b 的 {c} 倍：',
    scalarProjection: '投影的有向长度 |a| cos θ = a·b / |b| = {value}；所以 a·b 也等于“a 在 b 上的投影长度 × |b|”。',
  },
  relation: {
    orthogonal: '夹角 90°：a 与 b 正交，内积为 0，投影是零向量。',
    parallel: '夹角 0°：a 与 b 同向平行，a·b = |a||b|，取到最大值。',
    opposite: '夹角 180°：a 与 b 反向平行，a·b = −|a||b|。',
    acute: '夹角小于 90°：内积为正，投影与 b 同向。',
    obtuse: '夹角大于 90°：内积为负，投影与 b 反向。',
  },
  zero: {
    a: 'a 是零向量：它没有方向，所以夹角 θ 和 cos θ 都没有定义；但内积照样可以算，a·b = 0。',
    b: 'b 是零向量：它没有方向，所以夹角 θ 和 cos θ 都没有定义；但内积照样可以算，a·b = 0。',
    both: 'a 和 b 都是零向量：没有方向，夹角没有定义；a·b = 0。',
    projectionOnZero: '不能向零向量投影：公式里要除以 |b|² = 0。',
  },
  legend: { a: 'a', b: 'b', result: '运算结果', projection: 'a 在 b 上的投影' },
  fallback: '默认示例：a = ({ax}, {ay})，b = ({bx}, {by})，a·b = {dot}，夹角 θ = {theta}°。',
};

export const vectorsStrings: Record<Locale, VectorsStrings> = { 'zh-CN': zhCN };
