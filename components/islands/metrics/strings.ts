import type { IslandMeta, Locale } from '../types';

/** Everything the 3.3 metrics island says, per locale. Values are filled into `{name}` slots. */
export interface MetricsStrings {
  meta: IslandMeta;
  modes: { label: string; counts: string; threshold: string; multiclass: string };
  matrixCaption: string;
  predictedPositive: string;
  predictedNegative: string;
  actualPositive: string;
  actualNegative: string;
  cells: { tp: string; fn: string; fp: string; tn: string };
  metrics: { accuracy: string; precision: string; recall: string; f1: string; fBeta: string };
  undefinedValue: string;
  why: {
    accuracy: string;
    precision: string;
    recall: string;
    f1NoParts: string;
    f1ZeroTp: string;
    fBetaNoParts: string;
    fBetaZeroTp: string;
  };
  beta: string;
  betaHint: string;
  sourceCompare: string;
  threshold: { label: string; stripLabel: string; actualPositive: string; actualNegative: string; axis: string; counts: string; reseed: string };
  legend: { predictedPositive: string; predictedNegative: string; positive: string; negative: string };
  curves: {
    pr: string;
    roc: string;
    recall: string;
    precision: string;
    fpr: string;
    tpr: string;
    current: string;
    best: string;
    auc: string;
    ap: string;
    bestLine: string;
    noCurve: string;
  };
  multiclass: {
    caption: string;
    truth: string;
    predicted: string;
    classLabel: string;
    cell: string;
    perClass: string;
    macro: string;
    micro: string;
    support: string;
    summary: string;
    undefinedAsZero: string;
    noSamples: string;
  };
  fallback: string;
}

const zhCN: MetricsStrings = {
  meta: {
    title: '评估指标实验台：混淆矩阵、阈值、曲线与 F1',
    lede: '修改混淆矩阵的四个计数，或拖动分类阈值，看准确率、精确率、召回率、F1 和 F_β 如何变化，以及精确率–召回率曲线和 ROC 曲线上的位置；公式会代入当前的数字重新排版。',
    presets: { emails: '正文的例子：1,000 封邮件', recall: '更看重召回率：F₂ 与较低的阈值', multiclass: '三分类：宏平均与微平均' },
  },
  modes: { label: '输入方式', counts: '编辑混淆矩阵', threshold: '移动判定阈值', multiclass: '多分类' },
  matrixCaption: '混淆矩阵：直接修改四个计数',
  predictedPositive: '预测为正类',
  predictedNegative: '预测为负类',
  actualPositive: '实际为正类',
  actualNegative: '实际为负类',
  cells: { tp: 'TP（真正类）', fn: 'FN（假负类）', fp: 'FP（假正类）', tn: 'TN（真负类）' },
  metrics: { accuracy: '准确率 Accuracy', precision: '精确率 Precision', recall: '召回率 Recall', f1: 'F1 分数', fBeta: 'F_β 分数（β = {beta}）' },
  undefinedValue: '无定义',
  why: {
    accuracy: '四个计数都是 0，没有样本，准确率无定义。',
    precision: 'TP + FP = 0：模型没有把任何样本判为正类，精确率的分母为 0，无定义（scikit-learn 此时报告 0 并给出警告）。',
    recall: 'TP + FN = 0：数据里没有实际为正类的样本，召回率的分母为 0，无定义。',
    f1NoParts: '精确率或召回率无定义，它们的调和平均 F1 也无定义。',
    f1ZeroTp: 'TP = 0 时精确率和召回率都是 0，调和平均 0/0 无定义（惯例上记为 0）。',
    fBetaNoParts: '精确率或召回率无定义，F_β 也无定义。',
    fBetaZeroTp: 'TP = 0 时 F_β 的分子分母都是 0，无定义（惯例上记为 0）。',
  },
  beta: 'F_β 的 β',
  betaHint: 'β > 1 更看重召回率，β < 1 更看重精确率；β = 1 即 F1。',
  sourceCompare: '对照勘误 E2：若按原文把“准确率与召回率”做调和平均，会得到 {wrong}，而正确的 F1 是 {f1}。类别越不平衡，准确率越会掩盖召回率的不足。',
  threshold: {
    label: '判定阈值 t',
    stripLabel: '{count} 个样本的得分分布与阈值 {t}',
    actualPositive: '实际为正类',
    actualNegative: '实际为负类',
    axis: '模型给出的正类得分',
    counts: 'TP = {tp}，FN = {fn}，FP = {fp}，TN = {tn}',
    reseed: '换一组样本（种子 {seed}）',
  },
  legend: { predictedPositive: '实心：得分 ≥ t，判为正类', predictedNegative: '空心：判为负类', positive: '橙色：实际为正类', negative: '灰色：实际为负类' },
  curves: {
    pr: '精确率–召回率曲线',
    roc: 'ROC 曲线',
    recall: '召回率',
    precision: '精确率',
    fpr: '假正类率 FPR',
    tpr: '真正类率 TPR（召回率）',
    current: '当前阈值 t = {t}',
    best: 'F1 最大处 t = {t}（F1 = {f1}）',
    auc: 'AUC = {auc}',
    ap: '平均精确率 AP = {ap}',
    bestLine: '在这组样本上，阈值 t = {t} 时 F1 最大（{f1}）；F_β（β = {beta}）在 t = {tBeta} 时最大（{fBeta}）。',
    noCurve: '这组样本只有一个类别，画不出曲线。',
  },
  multiclass: {
    caption: '三分类的混淆矩阵（行：真实类别，列：预测类别）',
    truth: '真实',
    predicted: '预测',
    classLabel: '类别 {k}',
    cell: '真实为类别 {i}、预测为类别 {j} 的样本数',
    perClass: '每个类别一对其余的精确率、召回率和 F1，以及两种平均',
    macro: '宏平均（各类别的简单平均）',
    micro: '微平均（先把所有类别的 TP、FP、FN 加总）',
    support: '样本数',
    summary: '准确率 {accuracy}；微平均 F1 = {micro}，在单标签问题里它总是等于准确率；宏平均 F1 = {macro}，小类别做得差时它掉得更多。',
    undefinedAsZero: '类别 {classes} 的某项无定义（分母为 0），在宏平均里按 0 计。',
    noSamples: '矩阵里没有样本。',
  },
  fallback:
    '默认示例：200 个样本中 20 个是正类。准确率 {accuracy}，精确率 {precision}，召回率 {recall}，F1 {f1}。若按原文把准确率与召回率做调和平均，会得到 {wrong}——准确率很高，却掩盖了模型漏掉了六成正类。',
};

export const metricsStrings: Record<Locale, MetricsStrings> = { 'zh-CN': zhCN };
