import type { IslandMeta, Locale } from '../types';

/** Everything the 4.2.3 Bayes island says, per locale. Values are filled into `{name}` slots. */
export interface BayesStrings {
  meta: IslandMeta;
  fields: { prevalence: string; sensitivity: string; specificity: string };
  hints: { prevalence: string; specificity: string };
  invalid: { outOfRange: string; population: string };
  grid: { label: string; caption: string; tp: string; fn: string; fp: string; tn: string };
  tree: { caption: string; population: string; diseased: string; healthy: string; tp: string; fn: string; fp: string; tn: string };
  split: { positives: string; negatives: string; positivesLabel: string; negativesLabel: string };
  formulas: { total: string; posterior: string; counts: string; negative: string };
  undefinedPositive: string;
  undefinedNegative: string;
  summary: string;
  precision: string;
  rounding: string;
  nextTest: string;
  fallback: string;
}

const zhCN: BayesStrings = {
  meta: {
    title: '贝叶斯定理：一次阳性检测意味着什么',
    lede: '调节患病率、灵敏度和特异度，看 10,000 人中各有多少人患病、检测阳性；贝叶斯定理代入你的数字给出后验概率 P(D | +)，与按人数数出来的比例一致。',
    presets: {
      mammography: '乳腺 X 线筛查问题',
      screening: '正文的例子：筛查检验',
      'second-test': '正文：再测一次仍为阳性',
      'rare-disease': '罕见病：患病率 0.1%',
    },
  },
  fields: { prevalence: '患病率 P(D)（%）', sensitivity: '灵敏度 P(+ | D)（%）', specificity: '特异度 P(− | D̄)（%）' },
  hints: {
    prevalence: '滑块到 20%；更大的值请直接输入。',
    specificity: '假阳性率 P(+ | D̄) = 1 − 特异度 = {fpr}。',
  },
  invalid: {
    outOfRange: '{field} = {value} 不是概率：必须在 0% 到 100% 之间。',
    population: '人数 {value} 不可用：需要 1 到 {max} 之间的整数。',
  },
  grid: {
    label: '{population} 人的点阵，每一小格是一个人：真阳性 {tp}，假阳性 {fp}，假阴性 {fn}，真阴性 {tn}',
    caption: '{population} 个人，每一小格是一个人，从左上角起依次排列：先是检测阳性的人，再是检测阴性的人。',
    tp: '患病且阳性（真阳性）{count}',
    fp: '未患病但阳性（假阳性）{count}',
    fn: '患病但阴性（假阴性）{count}',
    tn: '未患病且阴性（真阴性）{count}',
  },
  tree: {
    caption: '自然频数树：先按是否患病分，再按检测结果分',
    population: '{count} 人',
    diseased: '患病 {count}',
    healthy: '未患病 {count}',
    tp: '阳性 {count}',
    fn: '阴性 {count}',
    fp: '阳性 {count}',
    tn: '阴性 {count}',
  },
  split: {
    positives: '检测阳性的 {count} 人里，真正患病的有 {tp} 人，占 {share}。',
    negatives: '检测阴性的 {count} 人里，未患病的有 {tn} 人，占 {share}。',
    positivesLabel: '检测阳性的人：患病与未患病的比例',
    negativesLabel: '检测阴性的人：患病与未患病的比例',
  },
  formulas: {
    total: '阳性的总概率（全概率公式）',
    posterior: '后验概率（贝叶斯定理）',
    counts: '按人数数一数',
    negative: '阴性结果的可信度',
  },
  undefinedPositive: 'P(+) = 0：没有人会检测阳性，P(D | +) 没有定义。',
  undefinedNegative: 'P(−) = 0：没有人会检测阴性，P(D̄ | −) 没有定义。',
  summary: '检测阳性的人真正患病的概率是 {posterior}；检测阴性的人确实未患病的概率是 {npv}，仍然患病的概率是 {missed}。',
  precision: '这就是第 3 章的精确率 TP/(TP + FP)：灵敏度（召回率）再高，只要患病率低、健康人多，少量的假阳性率也会制造出大批假阳性。',
  rounding: '人数按最大余数法取整，四组人数加起来正好是 {population}。',
  nextTest: '再做一次独立的同样检测，仍为阳性：把后验 {posterior} 当作新的患病率（先验）',
  fallback: '正文的例子：患病率 1%，灵敏度 99%，假阳性率 5%。10,000 人中，检测阳性的 {positive} 人里只有 {tp} 人真正患病，P(D | +) = {posterior}。',
};

export const bayesStrings: Record<Locale, BayesStrings> = { 'zh-CN': zhCN };
