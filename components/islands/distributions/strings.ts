import type { ValidationCode } from '../../../src/lib/math/distributions';
import type { IslandMeta, Locale } from '../types';

/** Everything the 4.2.1 distributions island says, per locale. Values are filled into `{name}` slots. */
export interface DistStrings {
  meta: IslandMeta;
  kinds: { label: string; binomial: string; normal: string; poisson: string };
  params: { n: string; p: string; mu: string; sigma: string; lambda: string; k: string; x: string };
  hints: { n: string; p: string; k: string };
  /** One sentence per engine validation code; {value} is what the reader gave, {max} the bound. */
  invalid: Record<ValidationCode, string>;
  percentHint: string;
  stale: string;
  noPicture: string;
  cards: { point: string; cdf: string; moments: string; offInteger: string; bernoulli: string };
  charts: {
    pmf: string;
    pdf: string;
    cdf: string;
    probability: string;
    density: string;
    cumulative: string;
    valueK: string;
    valueX: string;
    at: string;
  };
  sampling: {
    title: string;
    add: string;
    clear: string;
    reseed: string;
    drawn: string;
    none: string;
    max: string;
    histogram: string;
    frequency: string;
    frequencyPerUnit: string;
    densityAxis: string;
    truth: string;
    sampleBars: string;
    outside: string;
    meanLine: string;
    varianceLine: string;
    standardError: string;
  };
  approx: {
    title: string;
    chart: string;
    binomial: string;
    poisson: string;
    normal: string;
    distances: string;
    tv: string;
    better: { poisson: string; normal: string };
    verdict: { good: string; fair: string; poor: string };
    rules: string;
    yes: string;
    no: string;
    none: string;
  };
  fallback: string;
}

const zhCN: DistStrings = {
  meta: {
    title: '三种分布：概率、累积、抽样与近似',
    lede: '选择二项分布、正态分布或泊松分布并调节参数，看概率质量函数（或概率密度函数）与累积分布函数，公式代入你的数字重新排版；再抽取样本，看直方图怎样逼近真实分布，以及二项分布何时可以用泊松分布或正态分布代替。',
    presets: {
      'binomial-vs-poisson': '稀有事件：泊松近似更好',
      'normal-approx': 'n = 100、p = 0.5：正态近似',
      'rare-events': '正文：每分钟平均 3 次请求',
      'standard-normal': '标准正态分布，x = 1.96',
    },
  },
  kinds: { label: '分布', binomial: '二项分布', normal: '正态分布', poisson: '泊松分布' },
  params: {
    n: '试验次数 n',
    p: '每次试验的成功概率 p',
    mu: '均值 μ',
    sigma: '标准差 σ',
    lambda: '平均次数 λ',
    k: '求值点 k',
    x: '求值点 x',
  },
  hints: {
    n: '滑块到 1000；更大的 n 请直接输入（本演示上限 10⁷）。',
    p: '很小的 p 可以直接输入，例如 1e-9。',
    k: '在这一点计算概率与累积概率。',
  },
  invalid: {
    'not-finite': '{param} 需要是一个有限的数。',
    'n-not-integer': '试验次数 n 必须是整数：二项分布数的是 n 次独立试验中的成功次数，不存在 {value} 次试验。',
    'n-negative': '试验次数 n 不能是负数（现在是 {value}）。',
    'n-too-large':
      'n = {value} 超过了本演示的上限 {max}：累积分布要逐项求和约 20 个标准差宽的范围，再大就拖不动了。况且 n 这么大时，只要 np 与 n(1 − p) 都不小，二项分布与正态近似已几乎无法区分——在上限以内试试，看下面的总变差距离有多小。',
    'p-out-of-range': '成功概率 p 必须在 0 到 1 之间（现在是 {value}）：概率不能是负数，也不能超过 1。',
    'lambda-not-positive': '平均次数 λ 必须大于 0（现在是 {value}）：λ 是一段区间内事件发生的平均次数，λ = 0 表示事件从不发生，就没有分布可画了。',
    'lambda-too-large': 'λ = {value} 超过了本演示的上限 {max}。这么大的 λ 下，泊松分布与均值、方差都为 λ 的正态分布几乎重合。',
    'sigma-not-positive': '标准差 σ 必须大于 0（现在是 {value}）：σ 度量取值的分散程度，不会是负数；σ = 0 时全部概率集中在一点，没有密度函数。',
  },
  percentHint: '（p 是概率而不是百分数：{percent}% 应输入 {fraction}。）',
  stale: '下面的图仍是上一组有效参数的结果。',
  noPicture: '参数改正之后，这里会画出分布。',
  cards: { point: '这一点的概率', cdf: '累积概率', moments: '均值与方差', offInteger: 'X 只取整数，所以 P(X = {x}) = 0；累积概率照常计算。',
    bernoulli: 'n = 1 时只做一次试验，成功次数只能是 0 或 1：这是伯努利分布。二项分布数的是 n 次这样的独立试验中的成功次数（勘误 E11）。',
  },
  charts: {
    pmf: '概率质量函数 P(X = k)',
    pdf: '概率密度函数 f(x)',
    cdf: '累积分布函数 F(x) = P(X ≤ x)',
    probability: '概率',
    density: '密度',
    cumulative: '累积概率',
    valueK: 'k',
    valueX: 'x',
    at: '求值点',
  },
  sampling: {
    title: '抽样：直方图怎样逼近分布',
    add: '再抽 {count} 个',
    clear: '清空样本',
    reseed: '换一组随机数（种子 {seed}）',
    drawn: '已抽取 {count} 个样本（种子 {seed}）。',
    none: '还没有样本：按上面的按钮开始抽取。',
    max: '已达上限 {max} 个样本。',
    histogram: '{count} 个样本的直方图与真实分布',
    frequency: '频率',
    frequencyPerUnit: '频率 ÷ 组宽',
    densityAxis: '频率 ÷ 组宽（与密度可比）',
    truth: '真实分布',
    sampleBars: '样本直方图',
    outside: '另有 {count} 个样本落在图的范围之外。',
    meanLine: '样本均值 {sample}，真实均值 {truth}，相差 {gap}，约为标准误 σ/√N = {se} 的 {ratio} 倍。',
    varianceLine: '样本方差 s² = {sample}，真实方差 {truth}。',
    standardError: '样本越多，样本均值离真实均值越近：偏差的典型大小是 σ/√N，N 增加到 100 倍，它缩小到十分之一。',
  },
  approx: {
    title: '二项分布与它的两个近似',
    chart: 'B({n}, {p}) 与泊松近似、正态近似',
    binomial: '二项分布 B(n, p)',
    poisson: '泊松近似 λ = np',
    normal: '正态近似（连续性修正）',
    distances: '总变差距离（两个分布对任何事件给出的概率最多相差多少）：泊松近似 {poisson}，正态近似 {normal}。',
    tv: '总变差距离',
    better: { poisson: '对这组 n 与 p，泊松近似更好。', normal: '对这组 n 与 p，正态近似更好。' },
    verdict: {
      good: '较好的那个误差不到 1%，可以放心替代。',
      fair: '较好的那个也有 1%–5% 的误差，只宜粗略估计。',
      poor: '两个近似的误差都超过 5%，这组参数应直接用二项分布计算。',
    },
    rules: '经验法则：n ≥ 20 且 p ≤ 0.05 时用泊松近似（{poisson}）；np ≥ 5 且 n(1 − p) ≥ 5 时用正态近似（{normal}）。',
    yes: '满足',
    no: '不满足',
    none: 'p = 0、p = 1 或 n = 0 时结果是确定的，没有近似可比。',
  },
  fallback: '默认示例：抛一枚均匀硬币 10 次，恰好 5 次正面的概率 P(X = 5) = {p5}，均值 5，方差 2.5；下方是 {draws} 次抽样的直方图。',
};

export const distStrings: Record<Locale, DistStrings> = { 'zh-CN': zhCN };
