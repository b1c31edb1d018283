import type { NlpInvalidCode, SecondOrder } from '../../../src/lib/math/nonlinear';
import type { ConstraintSetName, ObjectiveName } from '../../../src/lib/math/nonlinear-presets';
import type { IslandMeta, Locale } from '../types';

/** Everything the 4.3.2 nonlinear-programming island says, per locale. Values are filled into `{name}` slots. */
export interface NlpStrings {
  meta: IslandMeta;
  objective: { label: string; options: Record<ObjectiveName, string> };
  constraints: { label: string; options: Record<ConstraintSetName, string> };
  fields: { cx: string; cy: string; b: string; r: string; x0: string; y0: string; rho: string; outer: string };
  hints: { center: string; start: string; rho: string };
  groups: { problem: string; start: string; method: string };
  chart: {
    label: string;
    x: string;
    y: string;
    start: string;
    center: string;
    answer: string;
    legendLevels: string;
    legendRegion: string;
    legendCurve: string;
    legendPath: string;
    legendOuterEnd: string;
    legendForces: string;
    dragHint: string;
  };
  player: {
    play: string;
    pause: string;
    step: string;
    end: string;
    restart: string;
    reducedMotion: string;
    position: string;
    positionStart: string;
  };
  status: {
    converged: string;
    maxIterations: string;
    diverged: string;
    empty: string;
    invalid: Record<NlpInvalidCode, string>;
  };
  kkt: {
    title: string;
    notConverged: string;
    stationarity: string;
    stationarityNote: string;
    primal: string;
    primalEq: string;
    primalIneq: string;
    dual: string;
    dualNone: string;
    complementarity: string;
    complementarityNone: string;
    active: string;
    inactive: string;
    pass: string;
    fail: string;
    noConstraints: string;
    summaryPass: string;
    summaryFail: string;
  };
  secondOrder: { title: string } & Record<SecondOrder, string>;
  rootVsOpt: { unconstrained: string; constrained: string };
  table: {
    label: string;
    caption: string;
    outer: string;
    point: string;
    multipliers: string;
    penalty: string;
    violation: string;
    inner: string;
    none: string;
  };
  fallback: string;
}

const zhCN: NlpStrings = {
  meta: {
    title: '非线性规划实验台：增广拉格朗日法与 KKT 条件',
    lede: '选一个目标函数和一组约束，拖动起点，看增广拉格朗日法的迭代路径怎样走到约束上的最优点，再在终点逐项检查 KKT 条件：平稳性、原始可行性、对偶可行性与互补松弛。',
    presets: {
      line: '直线约束：x + y = 1 上离原点最近的点',
      circle: '圆盘约束：单位圆盘里离 (2, 1) 最近的点',
      'rosenbrock-disk': 'Rosenbrock 函数被单位圆盘截住',
      saddle: '鞍点：∇f = 0 却不是极小点（勘误 E9）',
    },
  },
  objective: {
    label: '目标函数 f',
    options: {
      quadratic: '到一点的距离平方 (x − c₁)² + (y − c₂)²',
      rosenbrock: 'Rosenbrock 函数（弯曲的窄谷）',
      himmelblau: 'Himmelblau 函数（四个极小点）',
      saddle: '鞍面 x² − y²',
    },
  },
  constraints: {
    label: '约束',
    options: {
      none: '无约束',
      line: '等式：直线 x + y = b',
      circle: '等式：圆周 x² + y² = r²',
      disk: '不等式：圆盘 x² + y² ≤ r²',
      halfplane: '不等式：半平面 x + y ≥ b',
      'line-disk': '直线 x + y = b 与圆盘 x² + y² ≤ r²',
      'disk-halfplane': '圆盘 x² + y² ≤ r² 与半平面 x + y ≥ b',
    },
  },
  fields: {
    cx: '目标点 c₁',
    cy: '目标点 c₂',
    b: '直线的截距 b',
    r: '半径 r',
    x0: '起点 x',
    y0: '起点 y',
    rho: '初始罚参数 ρ',
    outer: '外层迭代上限',
  },
  hints: {
    center: '也可以在图上拖动虚线圆圈标出的目标点。',
    start: '也可以在图上拖动起点，或聚焦后用方向键移动（Shift 加方向键一次走 1）。',
    rho: 'ρ 小，外层迭代多；ρ 大，每次内层求解更难。',
  },
  groups: { problem: '问题', start: '起点', method: '算法设置' },
  chart: {
    label: '目标函数的等高线、可行域与迭代路径',
    x: 'x',
    y: 'y',
    start: '起点',
    center: '目标点',
    answer: '绿色圆环：算法停下的终点 x*',
    legendLevels: '颜色越深，f 越小',
    legendRegion: '绿色区域：满足全部不等式约束',
    legendCurve: '紫色曲线：等式约束',
    legendPath: '迭代路径（相邻两次外层迭代用两种颜色区分）',
    legendOuterEnd: '小圆点：每次外层迭代的终点',
    legendForces: '终点处的箭头：∇f 与各约束的“乘子 × 梯度”，它们加起来为零（平稳性）',
    dragHint: '拖动起点（或聚焦后按方向键）重新求解。',
  },
  player: {
    play: '播放迭代',
    pause: '暂停',
    step: '下一步',
    end: '显示全部',
    restart: '回到起点',
    reducedMotion: '系统设置了“减少动态效果”：请用“下一步”逐步查看。',
    position: '第 {shown} / {total} 个迭代点：第 {outer} 次外层迭代的第 {inner} 步，x = ({x}, {y})，f = {f}',
    positionStart: '第 1 / {total} 个迭代点：起点 x = ({x}, {y})，f = {f}',
  },
  status: {
    converged: '收敛：{outer} 次外层迭代、共 {inner} 次牛顿步后，KKT 条件在容差 10⁻⁶ 内全部满足。',
    maxIterations: '未收敛：用完了 {outer} 次外层迭代，KKT 条件仍未全部满足（约束违反量 {violation}）。可以增大外层迭代上限或初始罚参数 ρ 再试。',
    diverged: '发散：迭代点跑到了 ({x}, {y})，f 已降到 {f}。目标函数沿这个方向没有下界，问题根本没有最小值，算法只能报告发散，不会给出一个“最优解”。',
    empty: '可行域是空集：直线 x + y = {b} 到原点的距离是 {distance}，大于半径 r = {r}，没有任何点能同时满足这些约束，问题无解。把 |b| 调小或把 r 调大。',
    invalid: {
      'bad-radius': '半径 r 必须大于 0：r = 0 时圆缩成一个点，约束 x² + y² − r² 在那里的梯度为零，问题无法求解。请把 r 调大。',
      'not-finite': '输入里有不是有限数的值，无法求解。',
      'zero-normal': '直线约束的法向量为零，它不是一条直线。',
      'bad-options': '算法设置无效：容差、罚参数和迭代次数都必须是正数。',
    },
  },
  kkt: {
    title: '在终点 x* = ({x}, {y}) 逐项检查 KKT 条件（容差 10⁻⁶）',
    notConverged: '算法没有收敛，下面检查的是最后一个迭代点，失败的条件就是它还不是 KKT 点的原因。',
    stationarity: '平稳性',
    stationarityNote: '余量的范数 {norm} 与尺度 {scale} 之比不超过容差即算满足。',
    primal: '原始可行性',
    primalEq: '等式约束必须精确成立',
    primalIneq: '不等式约束不能被违反',
    dual: '对偶可行性',
    dualNone: '没有不等式约束，无需检查。',
    complementarity: '互补松弛',
    complementarityNone: '没有不等式约束，无需检查。',
    active: '起作用（取等号）',
    inactive: '不起作用（乘子为 0）',
    pass: '满足',
    fail: '不满足',
    noConstraints: '没有约束：KKT 条件只剩平稳性 ∇f(x*) = 0。',
    summaryPass: '四组条件全部满足：x* 是一个 KKT 点。',
    summaryFail: '有条件不满足：这个点不是 KKT 点。',
  },
  secondOrder: {
    title: '二阶条件',
    minimum: '沿约束允许移动的方向，拉格朗日函数的曲率为正：x* 是严格局部极小点。',
    maximum: '沿约束允许移动的方向，拉格朗日函数的曲率为负：x* 是局部极大点，不是极小点。',
    saddle: '海森矩阵的特征值一正一负：x* 是鞍点。∇f = 0 成立，KKT 条件也全部满足，但它不是极小点——沿 y 方向 f 还在下降。把起点向上或向下挪动一点点，迭代就会离开鞍点（并且一路发散，因为 x² − y² 没有下界）。',
    degenerate: '曲率为零，二阶条件给不出结论，需要更高阶的分析。',
  },
  rootVsOpt: {
    unconstrained: '没有约束时，要找的是驻点 ∇f(x) = 0，也就是对 F = ∇f 求根（勘误 E9）。但求出的根可能是极小点、极大点或鞍点，要靠二阶条件区分。',
    constrained: '有约束时，最优点处 ∇f 一般不为零：下坡方向被约束挡住了，−∇f 由约束梯度的组合“抵消”。要找的是 KKT 点，而不是 F(x) = 0 的根（勘误 E9）。',
  },
  table: {
    label: '外层迭代的记录',
    caption: '外层迭代：每次先用牛顿法最小化增广拉格朗日函数，再更新乘子 λ ← λ + ρh、μ ← max(0, μ + ρg)；约束违反量下降不够快时把 ρ 放大 10 倍',
    outer: '外层',
    point: '终点 x',
    multipliers: '更新后的乘子',
    penalty: 'ρ',
    violation: '约束违反量',
    inner: '牛顿步数',
    none: '—',
  },
  fallback:
    '默认示例：在单位圆盘 x² + y² ≤ 1 里找离点 (2, 1) 最近的点。增广拉格朗日法从 ({x0}, {y0}) 出发，经 {outer} 次外层迭代收敛到 x* = ({x}, {y})，乘子 μ = {mu}（理论值 √5 − 1 ≈ 1.2361），KKT 条件全部满足。',
};

export const nlpStrings: Record<Locale, NlpStrings> = { 'zh-CN': zhCN };
