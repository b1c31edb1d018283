import type { IslandMeta, Locale } from '../types';
import type { ExportFormat } from '../../../src/workers/features/compress-api';
import type { SourceStrings } from '../compress/model-source';
import { sourceStringsZh } from '../compress/source-strings';

/** Everything the 9.3 export island says, per locale. Values are filled into `{name}` slots. */
export interface ExportStrings {
  meta: IslandMeta;
  source: SourceStrings;
  fields: { format: string };
  formats: Record<ExportFormat, string>;
  hints: { format: string };
  run: string;
  running: string;
  files: { caption: string; file: string; bytes: string; content: string; json: string; weights: string; download: string };
  expected: string;
  check: {
    title: string;
    identical: string;
    changed: string;
    maxDelta: string;
    accuracy: string;
    weights: string;
    weightsDiffer: string;
  };
  perChannel: string;
  upload: { label: string; hint: string; checking: string; title: string };
  fallback: string;
}

const zh: ExportStrings = {
  meta: {
    title: '导出模型文件，再读回来核对',
    lede: '把模型写成 TensorFlow.js 的两个文件（model.json 与二进制权重），可以下载；再从这两个文件加载一遍，在全部 10,000 张测试图像上核对预测是否不变。',
    presets: { float16: '权重存为 float16', uint8: '权重存为 uint8' },
  },
  source: sourceStringsZh,
  fields: { format: '权重格式' },
  formats: { float32: 'float32（原样）', float16: 'float16', uint8: 'uint8（仿射量化）' },
  hints: { format: 'uint8 每个张量记一组 min 与 scale。偏置始终存为 float32。float16 与 uint8 写进权重清单的 quantization 字段，由 TensorFlow.js 在加载时还原。' },
  run: '导出并读回核对',
  running: '正在导出、读回并在测试集上预测……',
  files: {
    caption: '导出的文件',
    file: '文件',
    bytes: '字节数',
    content: '内容',
    json: '模型结构与权重清单（JSON）',
    weights: '全部权重，按清单顺序连续存放',
    download: '下载',
  },
  expected: '权重文件 {bytes} 字节，与按各层形状算出的 {expected} 字节一致。',
  check: {
    title: '读回的模型与原模型在 {count} 张测试图像上的比较',
    identical: '预测相同：{count} 张',
    changed: '预测改变：{count} 张',
    maxDelta: '输出概率的最大差：{delta}（最后一层是 softmax，输出的是概率，不是 logits）',
    accuracy: '测试准确率：原模型 {before}，读回后 {after}',
    weights: '读回的权重与本页按同一格式算出的反量化权重完全一致（最大差 {diff}）。',
    weightsDiffer: '读回的权重与本页算出的反量化权重最大相差 {diff}。',
  },
  perChannel:
    'TensorFlow.js 的权重清单每个张量只能记一组 min 与 scale，所以 9.4 节的“按通道缩放”无法用这种格式表达：要按通道存，就得换用 LiteRT 之类支持按通道量化的格式，或者把每个通道拆成单独的张量。',
  upload: {
    label: '载入模型文件核对',
    hint: '选择一个 .json 和它的权重 .bin（这里或第 5 章下载的都可以），与上面的模型在全部测试图像上逐张比较预测。文件只在本页读取，不会上传。',
    checking: '正在读取文件并在测试集上预测……',
    title: '你选择的文件（{names}）与当前模型在 {count} 张测试图像上的比较',
  },
  fallback:
    '下表是第 5 章模型导出后权重文件的大小，由各层形状算出。启动后，这里会把模型真正写成文件供下载，再从这两个文件加载，在全部 10,000 张测试图像上核对预测。',
};

export const exportStrings: Record<Locale, ExportStrings> = { 'zh-CN': zh };
