import type { IslandMeta, Locale } from '../types';

/** Everything the 4.3.3 optimal-control island says, per locale. Values are filled into `{name}` slots. */
export interface LqrStrings {
  meta: IslandMeta;
  groups: { weights: string; horizon: string; naive: string };
  fields: { wp: string; wv: string; wf: string; wt: string; n: string; p0: string; v0: string; kp: string; kd: string; brake: string };
  hints: { wf: string; wt: string; n: string };
  naive: { label: string; pd: string; braking: string; pdLaw: string; brakingLaw: string };
  e21: { title: string; decision: string; total: string; ahead: string; notAhead: string };
  cost: { lqr: string; naive: string; predicted: string; extra: string };
  cart: { label: string; time: string; axis: string; lqr: string; naive: string; force: string; target: string };
  player: { play: string; pause: string; step: string; restart: string; slider: string; reducedMotion: string };
  charts: { k: string; position: string; velocity: string; control: string; cumulative: string; lqr: string; naive: string; now: string };
  riccati: {
    title: string;
    intro: string;
    slider: string;
    prev: string;
    next: string;
    position: string;
    gainChart: string;
    gainP: string;
    gainV: string;
    steadyP: string;
    steadyV: string;
  };
  steady: { title: string; converged: string; notConverged: string; stable: string; unstable: string; note: string };
  invalid: {
    Q: string;
    Qf: string;
    R: string;
    symmetric: string;
    other: string;
  };
  fallback: string;
}

const zhCN: LqrStrings = {
  meta: {
    title: '最优控制实验台：让小车停在原点',
    lede: '小车带着初速度出发，每 0.1 秒可以施加一次推力。调整位置、速度和推力的权重、时域长度与初始状态，看最优控制序列、状态轨迹和总代价怎样变化，并和简单的控制律比较；黎卡提递推从终点往回，一步步算出每个时刻的增益。',
    presets: {
      gentle: '温和：位置误差便宜、用力昂贵',
      aggressive: '激进：位置误差昂贵、用力便宜',
      'short-horizon': '时域很短：只有 10 步（1 秒）',
      braking: '对照匀减速刹车：停下来了，却停在远处',
    },
  },
  groups: { weights: '代价函数的权重', horizon: '时域与初始状态', naive: '对照：朴素控制' },
  fields: {
    wp: '位置误差的权重 q₁',
    wv: '速度的权重 q₂',
    wf: '推力的权重 r',
    wt: '终止代价倍数 w',
    n: '时域长度 N（步）',
    p0: '初始位置 p₀（米）',
    v0: '初始速度 v₀（米/秒）',
    kp: '位置增益 k₁',
    kd: '速度增益 k₂',
    brake: '最大刹车力度 a（米/秒²）',
  },
  hints: {
    wf: 'r 越大，用力越“贵”，控制越温和。',
    wt: '终止代价矩阵取 w 乘以 Q：到终点时仍有误差的额外罚款。',
    n: '每步 0.1 秒，N = 50 即 5 秒。',
  },
  naive: { label: '对照的朴素控制', pd: 'PD 反馈', braking: '匀减速刹车', pdLaw: '$u_k = -k_1\\,p_k - k_2\\,v_k$：离目标越远、跑得越快，反推得越用力。', brakingLaw: '以不超过 $a$ 的力度逆着速度方向刹车，直到速度为 0；不管位置。' },
  e21: {
    title: '决策变量是控制，不是状态（勘误 E21）',
    decision: '这里能自由选择的只有 $N$ 个推力 $u_0, \\dots, u_{N-1}$。状态 $x_k = (p_k, v_k)^\\top$（位置与速度）由动态方程从初始状态一步步算出，不能另行指定：',
    total: '要最小化的是整段时间上的总代价 $J$，而不是每一时刻的代价：',
    ahead: '在前 {k} 步里，最优控制累计付出的代价反而比朴素控制多（一开始用力更猛），但总代价 {lqr} 小于朴素控制的 {naive}——为了让总和最小，某些时刻要多付一些。',
    notAhead: '在这组设置下，最优控制的累计代价每一步都不高于朴素控制；总代价 {lqr}，朴素控制 {naive}。',
  },
  cost: {
    lqr: '最优控制（LQR）的总代价 J*',
    naive: '朴素控制的总代价',
    predicted: '黎卡提递推预言的最优代价 $x_0^\\top P_0 x_0$ = {predicted}，与沿轨迹逐项累加的总代价 {total} 一致。',
    extra: '朴素控制多付 {pct}',
  },
  cart: {
    label: '轨道上的小车：实心的是最优控制，虚线框是朴素控制，旗子处是目标位置 0',
    time: '时刻 k = {k}（t = {t} 秒）：位置 {p} 米，速度 {v} 米/秒，本步推力 {u}',
    axis: '位置（米）',
    lqr: '最优控制（LQR）的小车',
    naive: '朴素控制的小车（虚线）',
    force: '箭头：本步的推力',
    target: '目标',
  },
  player: {
    play: '播放',
    pause: '暂停',
    step: '下一步',
    restart: '回到 k = 0',
    slider: '时刻 k',
    reducedMotion: '系统设置了“减少动态效果”：请拖动时刻滑块或按“下一步”。',
  },
  charts: {
    k: '步 k',
    position: '位置 $p_k$（米）',
    velocity: '速度 $v_k$（米/秒）',
    control: '推力 $u_k$（米/秒²，小车质量取 1）',
    cumulative: '到第 k 步为止的累计代价',
    lqr: '最优控制（LQR）',
    naive: '朴素控制',
    now: '当前时刻',
  },
  riccati: {
    title: '黎卡提递推：从终点往回算',
    intro: '递推从 $P_N = Q_f$ 出发，每一步用 $P_{k+1}$ 算出增益 $K_k$，再算出 $P_k$；前向执行时，最优控制就是 $u_k = -K_k x_k$。',
    slider: '递推进行到的步数',
    prev: '上一步（k + 1）',
    next: '下一步（k − 1）',
    position: '第 {j} / {n} 步：k = {k}',
    gainChart: '增益 $K_k$ 的两个分量随 $k$ 的变化；虚线是稳态增益 $K_\\infty$',
    gainP: '位置分量',
    gainV: '速度分量',
    steadyP: '稳态位置分量',
    steadyV: '稳态速度分量',
  },
  steady: {
    title: '稳态增益（N → ∞）',
    converged: '从 P = Q 出发反复做黎卡提迭代，{it} 次后收敛（最后一次的相对变化 {change}）。',
    notConverged: '迭代 {it} 次仍未收敛（最后一次的相对变化 {change}）。',
    stable: '闭环矩阵 $A - BK_\\infty$ 的谱半径为 {rho} < 1：按 $u = -K_\\infty x$ 控制，小车最终会停在原点。',
    unstable: '闭环矩阵 $A - BK_\\infty$ 的谱半径为 {rho} ≥ 1：这个增益不能让系统稳定。',
    note: '时域足够长时，离终点较远的 $K_k$ 与 $K_\\infty$ 几乎相同，只有最后几步的增益因终止代价而变化。',
  },
  invalid: {
    Q: '位置或速度的权重为负：$Q$ 不是半正定矩阵（代码 not-psd）。代价里出现负项，小车离得越远、跑得越快反而越“划算”，总代价可以无限减小，问题没有最小值。请把 q₁、q₂ 调回 ≥ 0。',
    Qf: '终止代价矩阵 $Q_f$ 不是半正定的（代码 not-psd），问题没有最小值。',
    R: '推力的权重 r 必须大于 0：$R$ 不是正定矩阵（代码 not-pd）。r = 0 时用力不花钱，最优控制会要求无穷大的推力；r < 0 时用力越大越“赚”，问题没有最小值。',
    symmetric: '权重矩阵必须对称（代码 not-symmetric）。',
    other: '这组输入无法求解（代码 {code}）。',
  },
  fallback:
    '默认示例：小车从 p₀ = {p0} 米、v₀ = {v0} 米/秒出发，N = {n} 步（{t} 秒）。最优控制的总代价 J* = {lqr}，对照的 PD 反馈（k₁ = k₂ = 1）为 {naive}；下图是两种控制下的位置、速度、推力与累计代价。',
};

export const lqrStrings: Record<Locale, LqrStrings> = { 'zh-CN': zhCN };
