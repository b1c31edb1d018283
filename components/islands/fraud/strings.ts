import type { IslandMeta, Locale } from '../types';

/** Everything the 6.3 fraud-detection island says, per locale. Values are filled into `{name}` slots. */
export interface FraudStrings {
  meta: IslandMeta;
  fields: { t: string; costFn: string; costFp: string; rate: string; seed: string };
  hints: { t: string; costFn: string; rate: string };
  reseed: string;
  data: string;
  baseline: { title: string; body: string };
  current: { title: string };
  matrixCaption: string;
  predictedFraud: string;
  predictedLegit: string;
  actualFraud: string;
  actualLegit: string;
  metrics: { accuracy: string; precision: string; recall: string; f1: string };
  undefinedValue: string;
  why: { precision: string; f1: string };
  money: { title: string; fn: string; fp: string; total: string; vsBaseline: string; worse: string };
  marks: { minCost: string; minCostNothing: string; bestF1: string; moveHere: string; costsZero: string };
  charts: {
    cost: string;
    costLabel: string;
    scores: string;
    scoresLabel: string;
    x: string;
    yCost: string;
    yScore: string;
    total: string;
    fn: string;
    fp: string;
    precision: string;
    recall: string;
    f1: string;
    current: string;
    minCost: string;
    bestF1: string;
    clipped: string;
  };
  problems: { 'no-fraud-in-train': string; 'no-fraud-in-test': string; 'not-converged': string };
  fallback: string;
}

const zhCN: FraudStrings = {
  meta: {
    title: '欺诈检测：为什么 99% 的准确率毫无意义',
    lede: '在浏览器里生成约 1% 为欺诈的模拟交易并训练一个逻辑回归；移动判定阈值、设定漏报与误报各自的代价，看精确率、召回率、F1、混淆矩阵和损失的金额怎样变化，以及损失最小的阈值在哪里。',
    presets: {
      'expensive-misses': '漏报很贵：每笔欺诈损失 5,000 元',
      'annoyed-customers': '误报很贵：每次误拦损失 300 元',
      rarer: '更稀有的欺诈：只占 0.2%',
    },
  },
  fields: {
    t: '判定阈值 t（欺诈概率 ≥ t 就拦下）',
    costFn: '漏报一笔欺诈的损失（元）',
    costFp: '误报一笔正常交易的成本（元）',
    rate: '欺诈交易的比例（%）',
    seed: '随机种子',
  },
  hints: {
    t: '逻辑回归输出的是欺诈概率；默认阈值 0.5 对稀有的欺诈来说太高了。',
    costFn: '测试集里欺诈交易的平均金额是 {amount} 元。',
    rate: '允许 0.1% 到 10%。',
  },
  reseed: '换一组交易（种子 {seed}）',
  data: '共生成 {n} 笔交易（特征：金额的对数、是否夜间、离常住地的距离、商户风险分），前一半训练逻辑回归（牛顿法迭代 {iterations} 次收敛），后一半用来评估：测试集 {test} 笔，其中欺诈 {frauds} 笔。',
  baseline: {
    title: '对照：把所有交易都判为正常',
    body: '准确率 {accuracy}，召回率 {recall}：一笔欺诈也没抓到，漏掉的 {frauds} 笔损失 {cost} 元。准确率高，只是因为正常交易占了绝大多数。',
  },
  current: { title: '逻辑回归在阈值 t = {t} 时' },
  matrixCaption: '混淆矩阵（测试集）',
  predictedFraud: '判为欺诈',
  predictedLegit: '判为正常',
  actualFraud: '实际欺诈',
  actualLegit: '实际正常',
  metrics: { accuracy: '准确率', precision: '精确率', recall: '召回率', f1: 'F1 分数' },
  undefinedValue: '无定义',
  why: {
    precision: '没有任何交易被判为欺诈，精确率的分母为 0。',
    f1: '精确率无定义或 TP = 0，F1 无定义。',
  },
  money: {
    title: '损失的金额',
    fn: '漏报 FN = {count} 笔 × {cost} 元 = {value} 元',
    fp: '误报 FP = {count} 笔 × {cost} 元 = {value} 元',
    total: '合计 {value} 元',
    vsBaseline: '比全部放行少损失 {saved} 元（{percent}）。',
    worse: '比全部放行还多损失 {extra} 元：误报太多了。',
  },
  marks: {
    minCost: '损失最小的阈值 t = {t}：拦下 {flagged} 笔，漏掉 {fn} 笔欺诈，合计损失 {cost} 元。',
    minCostNothing: '按这组代价，一笔也不拦反而损失最小（{cost} 元）：误报的代价相对漏报太高了。',
    bestF1: 'F1 最大的阈值 t = {t}：F1 = {f1}，精确率 {precision}，召回率 {recall}。',
    moveHere: '把阈值移到这里',
    costsZero: '两种代价都是 0：任何阈值都不损失钱，“损失最小”的阈值没有意义。',
  },
  charts: {
    cost: '损失的金额随阈值的变化',
    costLabel: '折线图：横轴是阈值（对数刻度），纵轴是损失的金额；三条线分别是合计、漏报和误报的损失。',
    scores: '精确率、召回率与 F1 随阈值的变化',
    scoresLabel: '折线图：横轴是阈值（对数刻度），纵轴是精确率、召回率和 F1。',
    x: '阈值 t（对数刻度）',
    yCost: '损失（元）',
    yScore: '比例',
    total: '合计',
    fn: '漏报',
    fp: '误报',
    precision: '精确率',
    recall: '召回率',
    f1: 'F1',
    current: '当前阈值',
    minCost: '损失最小处',
    bestF1: 'F1 最大处',
    clipped: '超出纵轴上限的部分没有画出。',
  },
  problems: {
    'no-fraud-in-train': '这组交易的训练集里没有欺诈样本，无法训练。请提高欺诈比例或换一个种子。',
    'no-fraud-in-test': '这组交易的测试集里没有欺诈样本，召回率无从计算。请提高欺诈比例或换一个种子。',
    'not-converged': '逻辑回归没有收敛。请换一个种子。',
  },
  fallback:
    '默认示例：测试集 {test} 笔交易中有 {frauds} 笔欺诈。全部判为正常的准确率是 {accuracy}，召回率却是 0；逻辑回归在损失最小的阈值 t = {t} 处召回率为 {recall}，精确率为 {precision}，损失从 {baselineCost} 元降到 {cost} 元。',
};

export const fraudStrings: Record<Locale, FraudStrings> = { 'zh-CN': zhCN };
