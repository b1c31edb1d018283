import type { IslandMeta, Locale } from '../types';

/** Everything the 4.3.1 linear-programming island says, per locale. Values are filled into `{name}` slots. */
export interface LpStrings {
  meta: IslandMeta;
  sense: { label: string; max: string; min: string };
  objective: { legend: string; c1: string; c2: string };
  table: {
    caption: string;
    row: string;
    a1: string;
    a2: string;
    relation: string;
    b: string;
    relations: { le: string; ge: string; eq: string };
    remove: string;
    add: string;
    cellError: string;
    zeroRowHolds: string;
    zeroRowFails: string;
  };
  chart: {
    label: string;
    x1: string;
    x2: string;
    region: string;
    level: string;
    direction: string;
    path: string;
    phase1Point: string;
    optimum: string;
    ray: string;
    handle: string;
    handleHint: string;
  };
  verdict: {
    optimal: string;
    multiple: string;
    infeasible: string;
    unbounded: string;
    stopped: string;
    invalid: string;
    increases: string;
    decreases: string;
  };
  vertexRule: { optimal: string; multiple: string; infeasible: string; unbounded: string };
  vertexTable: { caption: string; vertex: string; value: string; best: string };
  degenerate: string;
  steps: {
    title: string;
    first: string;
    previous: string;
    next: string;
    play: string;
    pause: string;
    all: string;
    counter: string;
    start: string;
    startPhase1: string;
    pivot: string;
    phase1: string;
    phase2: string;
    degeneratePivot: string;
    infeasibility: string;
    done: { optimal: string; infeasible: string; unbounded: string; stopped: string };
    none: string;
  };
  variables: { slack: string; surplus: string; artificial: string };
  fallback: string;
}

const zhCN: LpStrings = {
  meta: {
    title: '线性规划实验台：可行域、顶点与单纯形法',
    lede: '修改目标函数和约束（或在图上拖动约束线），看可行域、最优顶点和目标函数的等值线如何变化；再一步步播放单纯形法从顶点到顶点的转轴。公式会代入当前的数字重新排版。',
    presets: {
      wyndor: 'Wyndor 玻璃厂：三个约束，三次转轴',
      infeasible: '不可行：x₁ + x₂ ≤ 2 与 x₁ + x₂ ≥ 4',
      unbounded: '无界：目标可以无限增大',
      degenerate: '退化：三条线交于 (2, 0)',
    },
  },
  sense: { label: '优化方向', max: '最大化', min: '最小化' },
  objective: { legend: '目标函数 cᵀx 的系数', c1: 'x₁ 的系数 c₁', c2: 'x₂ 的系数 c₂' },
  table: {
    caption: '约束条件（每行一个，另有 x₁ ≥ 0、x₂ ≥ 0）',
    row: '约束 {i}',
    a1: '约束 {i} 中 x₁ 的系数',
    a2: '约束 {i} 中 x₂ 的系数',
    relation: '约束 {i} 的关系',
    b: '约束 {i} 的右端 b',
    relations: { le: '≤', ge: '≥', eq: '=' },
    remove: '删除约束 {i}',
    add: '添加约束',
    cellError: '{label}：{why}',
    zeroRowHolds: '约束 {i} 的两个系数都是 0，它就是 0 {relation} {b}，对任何 x 都成立，不起作用。',
    zeroRowFails: '约束 {i} 的两个系数都是 0，它就是 0 {relation} {b}，对任何 x 都不成立，所以问题不可行。',
  },
  chart: {
    label: '可行域、约束线、目标等值线与单纯形法的路径',
    x1: 'x₁',
    x2: 'x₂',
    region: '可行域',
    level: '过最优点的等值线 cᵀx = {value}',
    direction: '目标变好的方向',
    path: '单纯形法的路径',
    phase1Point: '第一阶段的基本解（不在可行域内）',
    optimum: '最优顶点',
    ray: '无界方向',
    handle: '约束 {i} 的直线（拖动或用方向键平移，改变 b）',
    handleHint: '拖动圆点（或选中后按方向键，Shift 加速）可以平移约束线，只改变右端 b。',
  },
  verdict: {
    optimal: '最优解 x* = {x}，目标值 {value}。',
    multiple: '最优值 {value}，但最优解不唯一：目标函数的等值线与可行域的一条边平行，顶点 {vertices} 以及它们之间整条边上的点都取到这个值。单纯形法停在其中的 {x}。',
    infeasible: '不可行：没有任何点同时满足全部约束。单纯形法的第一阶段把人工变量之和 w 最小化到 {w}，仍大于 0，说明约束互相矛盾。',
    unbounded: '无界：从顶点 {x} 出发沿方向 d = {d} 走，始终留在可行域内，每走一个单位目标就{better} {rate}，所以没有最优解。',
    stopped: '单纯形法在 {count} 次转轴后停下，没有得到结论。',
    invalid: '这组数据无法求解（{code}）。',
    increases: '增加',
    decreases: '减少',
  },
  vertexRule: {
    optimal: '顶点规则（勘误 E8）：有 x ≥ 0 时可行域只要非空就有顶点，所以只要问题有最优解，就有一个最优解落在顶点上。下表列出所有顶点的目标值，最好的正是 {x}。',
    multiple: '顶点规则（勘误 E8）仍然成立：有最优解、可行域又有顶点，所以一定有最优的顶点——这里不止一个。',
    infeasible: '可行域是空集，没有顶点可比，也谈不上最优解。',
    unbounded: '可行域无界。顶点规则只说“若有最优解，则有最优顶点”；这里目标没有上界（或下界），比较顶点不能给出答案。',
  },
  vertexTable: { caption: '可行域的顶点与目标值', vertex: '顶点 (x₁, x₂)', value: '目标值 cᵀx', best: '最优' },
  degenerate: '退化：第 {pivots} 次转轴的步长为 0——基变量换了，点却停在原地（某个基变量等于 0，多条约束线交于同一个顶点）。Bland 规则保证这种情况不会无限循环。',
  steps: {
    title: '单纯形法，一次一个转轴',
    first: '回到起点',
    previous: '上一次转轴',
    next: '下一次转轴',
    play: '播放',
    pause: '暂停',
    all: '显示全部',
    counter: '已显示 {shown} / {total} 次转轴',
    start: '起点：原点 x = (0, 0)。x₁、x₂ 都是非基变量，各约束的松弛变量组成初始基，目标值 {value}。',
    startPhase1: '起点：原点 x = (0, 0) 不满足带 ≥ 或 = 的约束，所以先进入第一阶段：加入人工变量，最小化它们的和 w（此时 w = {w}），找到一个可行顶点。',
    pivot: '第 {k} 次转轴（{phase}）：{entering} 进基，{leaving} 出基，比值检验给出步长 {ratio}，到达 {x}，目标值 {value}。',
    phase1: '第一阶段',
    phase2: '第二阶段',
    degeneratePivot: '（退化转轴：步长 0，点不动）',
    infeasibility: '人工变量之和 w = {w}',
    done: {
      optimal: '没有能让目标继续变好的进基变量：当前顶点就是最优解。',
      infeasible: '第一阶段结束时 w 仍大于 0：没有可行点。',
      unbounded: '进基变量所在的列没有正的系数，比值检验找不到出基变量：沿这条边可以无限走下去，问题无界。',
      stopped: '达到转轴次数上限。',
    },
    none: '单纯形法在原点就停止了，没有转轴。',
  },
  variables: { slack: 'sᵢ 是约束 i（≤）的松弛变量', surplus: 'eᵢ 是约束 i（≥）的剩余变量', artificial: 'Rᵢ 是第一阶段为约束 i 临时加入的人工变量' },
  fallback:
    '默认示例是正文的工厂问题：最大化 3x₁ + 5x₂，约束 x₁ + x₂ ≤ 4、x₁ + 3x₂ ≤ 6。单纯形法从原点出发，经顶点 (4, 0)（目标值 12）到达最优顶点 (3, 1)，最大利润 {value}。',
};

export const lpStrings: Record<Locale, LpStrings> = { 'zh-CN': zhCN };
