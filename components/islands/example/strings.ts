import type { IslandMeta, Locale } from '../types';
import type { WorkedInvalidCode } from '../../../src/lib/math/worked-example';

/** Everything the 4.4 worked-example island says, per locale. Values are filled into `{name}` slots. */
export interface ExampleStrings {
  meta: IslandMeta;
  controls: {
    point: string;
    pointVertical: string;
    weights: string;
    w1: string;
    w2: string;
    constraint: string;
    a1: string;
    a2: string;
    b: string;
    weightHint: string;
  };
  chart: {
    label: string;
    x1: string;
    x2: string;
    contours: string;
    line: string;
    infeasiblePart: string;
    levelHere: string;
    levelBest: string;
    optimum: string;
    lineMinimum: string;
    gradient: string;
    normal: string;
    handle: string;
    handleHint: string;
  };
  profile: { label: string; axis: string; axisVertical: string; f: string; feasible: string; here: string; best: string };
  here: {
    title: string;
    feasible: string;
    infeasible: string;
    slope: string;
    decrease: string;
    increase: string;
    atOptimum: string;
  };
  answer: { title: string; optimum: string; bound: string; ends: string; endsRay: string; source: string };
  lagrange: {
    title: string;
    intro: string;
    stationarity: string;
    constraint: string;
    complementarity: string;
    dual: string;
    holds: string;
  };
  check: { converged: string; failed: string };
  errors: Record<WorkedInvalidCode | 'infeasible', string>;
  fallback: string;
}

const zhCN: ExampleStrings = {
  meta: {
    title: '举例说明：在约束直线上找 f 的最小值',
    lede: '沿约束直线拖动点，看 f 的等值线、f 在直线上的取值和拉格朗日条件；修改约束和目标的权重，最优解随之移动，非负约束也可能开始起作用。',
    presets: {
      endpoint: '原文的“最小值 1”：端点 (1, 0)',
      weighted: '加权：w₂ = 3，最优点移到 (0.75, 0.25)',
      corner: '非负约束起作用：x₁ − x₂ = 1',
      infeasible: '无解：x₁ + x₂ = −1',
    },
  },
  controls: {
    point: '点的位置 x₁',
    pointVertical: '点的位置 x₂（a₂ = 0，直线是竖直的）',
    weights: '目标 f = w₁x₁² + w₂x₂² 的权重',
    w1: '权重 w₁',
    w2: '权重 w₂',
    constraint: '等式约束 a₁x₁ + a₂x₂ = b',
    a1: '系数 a₁',
    a2: '系数 a₂',
    b: '右端 b',
    weightHint: '滑块取 0.1–5；在数字框里可以输入 0 或负数，看看会发生什么。',
  },
  chart: {
    label: 'f 的等值线、约束直线、当前点与最优点',
    x1: 'x₁',
    x2: 'x₂',
    contours: 'f 的等值线（颜色越浓，f 越大）',
    line: '约束直线上 x ≥ 0 的部分（可行域）',
    infeasiblePart: '直线上不满足 x ≥ 0 的部分',
    levelHere: '过当前点的等值线 f = {f}',
    levelBest: '与直线相切的等值线 f = {f}',
    optimum: '最优点 x*',
    lineMinimum: '只看直线时 f 最小的点',
    gradient: '∇f（当前点）',
    normal: '∇h = (a₁, a₂)，约束直线的法向',
    handle: '约束直线上的点（拖动或用方向键沿直线移动）',
    handleHint: '拖动圆点，或选中后按方向键（Shift 加速）沿直线移动；也可以在上面的数字框里输入位置。',
  },
  profile: {
    label: 'f 沿约束直线的取值',
    axis: '直线上的位置 x₁',
    axisVertical: '直线上的位置 x₂',
    f: 'f',
    feasible: '满足 x ≥ 0 的区间',
    here: '当前点',
    best: '最优点',
  },
  here: {
    title: '当前点',
    feasible: '当前点 x = {x} 在可行域里。',
    infeasible: '当前点 x = {x} 在直线上，但 {which} < 0，不满足非负约束。',
    slope: '沿直线方向 f 的变化率为 {slope}：∇f 与 ∇h 不平行，沿直线往{way}移动还能让 f 变小。',
    decrease: '{x} 减小的方向',
    increase: '{x} 增大的方向',
    atOptimum: '这里 ∇f 与 ∇h 平行（沿直线的变化率为 0），正是拉格朗日条件 ∇f = λ∇h。',
  },
  answer: {
    title: '最优解',
    optimum: '最优解 x* = {x}，最小值 f* = {f}，乘子 λ = {lambda}。',
    bound: '{bound} 起作用：只看直线时，f 在 {free} 最小，但那里 {which} < 0。沿直线往可行的方向走，f 一直变大，所以最优点停在端点 {x}，对应的乘子 {nu} > 0。',
    ends: '可行线段的两端 {a} 和 {b} 处，f 分别是 {fa} 和 {fb}，都比 f* 大：二次目标的最优解可以落在线段内部，不必在顶点上——这正是勘误 E10 的要点。',
    endsRay: '可行部分是一条射线，端点 {a} 处 f = {fa}。',
    source: '原文说最小值是 1：1 是端点 (1, 0) 和 (0, 1) 处的 f，是线段上的最大值，而最小值是 0.5。',
  },
  lagrange: {
    title: '代入数字的 KKT 条件',
    intro: '约定 ∇f = λ∇h + ν，其中 h(x) = a₁x₁ + a₂x₂ − b，ν₁、ν₂ 是 x₁ ≥ 0、x₂ ≥ 0 的乘子。每个式子左右两边都由求解器算出：',
    stationarity: '平稳性（对 x{i}）',
    constraint: '等式约束',
    complementarity: '互补松弛（x{i} ≥ 0）',
    dual: '乘子非负',
    holds: '成立',
  },
  check: {
    converged: '交叉验证：4.3.2 节的通用求解器（增广拉格朗日法，从 (0, 0) 出发）得到 x ≈ {x}、λ ≈ {lambda}，与上面的闭式解相差 {distance}。',
    failed: '交叉验证：通用求解器没有收敛（{status}），以上面的闭式解为准。',
  },
  errors: {
    'not-finite': '输入里有不是有限数的值，无法计算。',
    'weight-not-positive': '权重 w₁、w₂ 必须都为正：否则 f 不是凸函数，沿直线可能没有最小值（例如 w₂ < 0 时 f 可以无限变小），拉格朗日条件找到的点也不一定是最小点。',
    'zero-constraint': 'a₁ 和 a₂ 不能同时为 0：那样约束就成了 0 = b，不再是一条直线。',
    'out-of-range': '非零输入的绝对值需要在 10⁻⁶ 到 10⁶ 之间，否则计算会溢出或失去精度。',
    infeasible: '直线 a₁x₁ + a₂x₂ = b 不经过 x ≥ 0 的区域：没有可行点，问题无解。',
  },
  fallback:
    '默认示例就是正文的问题：在线段 x₁ + x₂ = 1、x ≥ 0 上，f = x₁² + x₂² 在 x = (0.5, 0.5) 处最小，最小值 {f}（不是原文的 1），乘子 λ = {lambda}；线段端点处 f = 1，是最大值。',
};

export const exampleStrings: Record<Locale, ExampleStrings> = { 'zh-CN': zhCN };
