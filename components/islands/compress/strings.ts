import type { IslandMeta, Locale } from '../types';
import type { VariantId } from '../../../src/lib/ml/compression';
import type { SourceStrings } from './model-source';
import { sourceStringsZh } from './source-strings';

/** Everything the 9.4 model-compression island says, per locale. Values are filled into `{name}` slots. */
export interface CompressStrings {
  meta: IslandMeta;
  source: SourceStrings;
  fields: { sparsity: string; scope: string; gran: string };
  scopes: { global: string; layer: string };
  grans: { channel: string; tensor: string };
  /** The granularity and scope as a table row names them. */
  short: { channel: string; tensor: string; global: string; layer: string };
  hints: { sparsity: string; gran: string };
  run: string;
  rerun: string;
  stale: string;
  evaluating: string;
  done: string;
  variants: Record<VariantId, string>;
  prunedLabel: string;
  table: {
    caption: string;
    variant: string;
    bytes: string;
    ratio: string;
    accuracy: string;
    delta: string;
    changed: string;
    time: string;
    error: string;
    notMeasured: string;
  };
  timeNote: string;
  bytesNote: string;
  overflow: string;
  chart: { caption: string; label: string; x: string; y: string };
  explain: { title: string; body: string };
  fallback: string;
}

const zh: CompressStrings = {
  meta: {
    title: '量化与剪枝：你的模型变小多少、准确率掉多少',
    lede: '把第 5 章的 CNN 量化为 float16 或 int8（每张量一个缩放因子或每个输出通道一个），或按权重大小剪枝，逐一在全部 10,000 张测试图像上测量字节数、准确率和推理时间。',
    presets: {
      'int8-channel': '剪枝 50% + int8（按通道缩放）',
      'int8-tensor': '剪枝 50% + int8（整张量缩放）',
      'prune-90': '全局剪枝 90%',
      'prune-90-layer': '逐层剪枝 90%',
      fresh: '在这里重新训练一个模型',
    },
  },
  source: sourceStringsZh,
  fields: { sparsity: '剪枝比例（卷积核与全连接层权重中置零的比例）', scope: '剪枝范围', gran: '剪枝后 int8 的缩放粒度' },
  scopes: { global: '全局：所有层一起按 |w| 排序', layer: '逐层：每层剪掉同样比例' },
  grans: { channel: '每个输出通道一个缩放因子', tensor: '整张量一个缩放因子' },
  short: { channel: '按通道', tensor: '整张量', global: '全局', layer: '逐层' },
  hints: {
    sparsity: '0–0.99。剪掉 |w| 最小的 round(s·n) 个权重；偏置不剪。',
    gran: 'float16 与两种 int8 总会列出；这里只决定“剪枝 + int8”一行用哪种缩放。',
  },
  run: '运行压缩实验',
  rerun: '按新设置重新评估',
  stale: '剪枝设置已改变：表中“剪枝”两行还是旧设置的结果，请重新评估。',
  evaluating: '正在评估 {done}/{total}：{variant}',
  done: '评估完成：{count} 种权重格式，每种都在 {images} 张测试图像上测量。',
  variants: {
    float32: 'float32（原模型）',
    float16: 'float16',
    'int8-tensor': 'int8，整张量缩放',
    'int8-channel': 'int8，按通道缩放',
    pruned: '剪枝 {pct}（{scope}），float32',
    'pruned-int8': '剪枝 {pct}（{scope}）+ int8（{gran}）',
  },
  prunedLabel: '{pct}',
  table: {
    caption: '各种权重格式的大小与准确率（全部测试图像）',
    variant: '权重格式',
    bytes: '权重字节',
    ratio: '相对 float32',
    accuracy: '测试准确率',
    delta: '准确率变化（百分点）',
    changed: '预测改变（张）',
    time: '推理耗时（毫秒/千张）',
    error: '权重最大误差',
    notMeasured: '—',
  },
  timeNote:
    '推理时间在当前后端（{backend}）上测量，每 500 张一组预测，不含预热。量化后的权重在这里先反量化回 float32 再计算，所以各行的时间只差在测量波动上：int8 真正的提速要靠 int8 运算内核（如 LiteRT），浏览器里的 TensorFlow.js 没有。',
  bytesNote:
    '字节数只算权重，不含描述结构的 JSON。偏置（{biases} 个）始终保留 float32；int8 每个缩放因子 4 字节；剪枝后的卷积核与全连接层权重按“位图（每个权重 1 位）+ 保留的值”存储，只有这样比稠密存储更小时才采用。',
  overflow: 'float16 溢出：{count} 个权重超过 65,504，变成了无穷大。',
  chart: { caption: '权重大小与测试准确率：越靠左上越好', label: '各种权重格式的权重字节数与测试准确率散点图', x: '权重大小（KB）', y: '测试准确率（%）' },
  explain: {
    title: '整张量缩放与按通道缩放',
    body:
      '对称 int8 量化把每个权重写成 q·s，q 是 −127 到 127 的整数，缩放因子 s = max|w| / 127，误差最多 s/2。整张量只用一个 s 时，s 由整层绝对值最大的那个权重决定，取值范围小的输出通道只分到很少几个整数档位；按输出通道（卷积核 [h, w, 输入, 输出] 与全连接层 [输入, 输出] 的最后一维）各用一个 s，每个通道都用满 −127…127，代价只是每个通道多存 4 字节。',
  },
  fallback:
    '下表的字节数由第 5 章模型各层的形状算出；剪枝的两行还取决于权重的值（有多少个恰好为 0），这里用随机的正态分布权重代替，启动后给出你的模型的确切值。启动后，这里会取第 5 章保存在本浏览器中的模型（没有就先在这里训练一个），在全部 10,000 张测试图像上测量每种格式的准确率、预测改变的图像数和推理时间。',
};

export const compressStrings: Record<Locale, CompressStrings> = { 'zh-CN': zh };
