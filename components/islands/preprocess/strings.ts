import type { IslandMeta, Locale } from '../types';
import type { SampleLoad } from './digit-sample';

type LoadFailure = Extract<SampleLoad, { ok: false }>['code'];

/** Everything the 3.1.1 preprocessing island says, per locale. Values are filled into `{name}` slots. */
export interface PrepStrings {
  meta: IslandMeta;
  loading: string;
  loadFailed: Record<LoadFailure, string>;
  retry: string;
  modes: { label: string; clean: string; normalize: string; augment: string };
  digit: { label: string; value: string; another: string; reseed: string; caption: string };
  clean: {
    corrupt: { label: string; gaussian: string; salt: string; block: string; missing: string };
    sigma: string;
    p: string;
    block: string;
    fix: { label: string; none: string; median: string; clip: string; 'impute-mean': string; 'impute-neighbour': string };
    fixHint: { gaussian: string; salt: string; block: string; missing: string };
    marks: string;
    panels: { original: string; corrupted: string; cleaned: string; notCleaned: string };
    imageLabel: string;
    changed: string;
    missingCount: string;
    remaining: string;
    touched: string;
    repairs: string;
    outOfRange: string;
    mae: string;
    maeMissing: string;
    missingLegend: string;
    markLegend: string;
    notes: { 'nothing-missing': string; 'mask-as-zero': string };
    failures: { 'all-missing': string };
    medianExplain: string;
    clipExplain: string;
    imputeMeanExplain: string;
    imputeNeighbourExplain: string;
    noChange: string;
  };
  normalize: {
    label: string;
    options: { unit: string; symmetric: string; zscore: string; 'zscore-pixel': string };
    fitNote: string;
    before: string;
    after: string;
    histBefore: string;
    histAfter: string;
    rawAxis: string;
    valueAxis: string;
    share: string;
    table: { caption: string; set: string; mean: string; std: string; trainBefore: string; trainAfter: string; heldAfter: string };
    heldNote: string;
    perPixelNote: string;
    failures: { 'no-images': string; 'zero-range': string; 'zero-variance': string };
    imageLabel: string;
  };
  augment: {
    rot: string;
    zoom: string;
    shift: string;
    crop: string;
    flipH: string;
    flipV: string;
    gridCaption: string;
    copy: string;
    rotation: string;
    scale: string;
    translation: string;
    cropped: string;
    flipped: { horizontal: string; vertical: string; both: string };
    flipWarning: string;
    rotationWarning: string;
    summary: string;
    formulaIntro: string;
    imageLabel: string;
  };
  fallback: string;
}

const zhCN: PrepStrings = {
  meta: {
    title: '数据预处理实验台：清洗、归一化与数据增强',
    lede: '在 300 个真实的 MNIST 手写数字上动手：先弄脏一张数字再把它清洗干净，比较三种归一化在训练集上拟合、用到留出数字上的效果，再随机旋转、缩放、平移、裁剪和翻转，看哪些增强会改掉标签。',
    presets: {
      noisy: '高斯噪声 + 中值滤波',
      missing: '缺失 20%，用邻居填补',
      standardize: '标准化（训练集的 μ、σ）',
      flip7: '把 7 左右翻转',
    },
  },
  loading: '正在载入 300 个真实的手写数字（约 236 KB）……',
  loadFailed: {
    network: '手写数字样本没有下载成功（网络错误）。请检查网络后重试。',
    http: '手写数字样本没有下载成功（服务器返回 {status}）。请稍后重试。',
    'too-short': '下载到的样本文件不完整（文件太短），无法使用。',
    'bad-magic': '下载到的文件不是手写数字样本（文件头不符）。',
    'bad-dims': '样本文件中的图像尺寸不是 28 × 28，无法使用。',
    'bad-length': '样本文件的长度与其中声明的图像数不符，可能下载不完整。',
    'bad-label': '样本文件中有超出 0–9 的标签，无法使用。',
  },
  retry: '重新下载',
  modes: { label: '预处理步骤', clean: '数据清洗', normalize: '数据归一化', augment: '数据增强' },
  digit: {
    label: '选择数字（300 张测试集图像中的第几张）',
    value: '第 {n} 张，数字 {label}',
    another: '换一张',
    reseed: '重新抽样（种子 {seed}）',
    caption: '第 {n} 张（标签 {label}）',
  },
  clean: {
    corrupt: { label: '制造哪种问题', gaussian: '高斯噪声', salt: '椒盐噪声（坏点与亮点）', block: '缺失一块', missing: '随机缺失像素' },
    sigma: '噪声标准差 σ',
    p: '受影响像素的比例 p',
    block: '缺失块的边长（像素）',
    fix: {
      label: '清洗方法',
      none: '不清洗',
      median: '3 × 3 中值滤波',
      clip: '把取值截断到 [0, 1]',
      'impute-mean': '用已知像素的均值填补',
      'impute-neighbour': '用邻近像素的均值填补',
    },
    fixHint: {
      gaussian: '高斯噪声会让每个像素都偏一点：截断只去掉越界的部分，中值滤波能压下一部分噪声，但也会磨掉细笔画。',
      salt: '孤立的坏点不可能是 3 × 3 窗口的中位数，中值滤波几乎能把它们全部去掉。',
      block: '缺失值要先标记出来再填补；填补只能猜，猜得越远越不准。',
      missing: '零散的缺失像素四周大多是已知像素，用邻近像素填补效果很好。',
    },
    marks: '圈出与原图相差超过 0.1 的像素',
    panels: { original: '原图', corrupted: '损坏后', cleaned: '清洗后', notCleaned: '（未清洗）' },
    imageLabel: '{panel}：{label} 的 28 × 28 像素图',
    changed: '{n} 个像素与原图相差超过 0.1',
    missingCount: '{n} 个像素缺失',
    remaining: '仍有 {n} 个像素与原图相差超过 0.1',
    touched: '清洗改动了 {n} 个像素',
    repairs: '损坏的 {broken} 个像素中，清洗修好了 {repaired} 个；另有 {introduced} 个原本正确的像素被清洗改坏了（多在笔画边缘）。',
    outOfRange: '{n} 个像素超出了 [0, 1]',
    mae: '与原图的平均绝对误差：损坏后 {before}，清洗后 {after}。',
    maeMissing: '与原图的平均绝对误差：清洗后 {after}（缺失的像素没有值，清洗前无从比较）。',
    missingLegend: '橙色：缺失的像素',
    markLegend: '红框：与原图相差超过 0.1 的像素',
    notes: {
      'nothing-missing': '这张图没有缺失的像素，填补什么也没做。填补用于“缺失一块”或“随机缺失像素”。',
      'mask-as-zero': '滤波和截断不知道哪些像素缺失，只把它们当作 0（黑色背景）处理；缺失值应当先标记，再填补。',
    },
    failures: { 'all-missing': '所有像素都缺失了（p = 1），没有任何已知像素可以用来填补。请把 p 调小一些。' },
    medianExplain: '变化最大的像素 ({x}, {y})：把 3 × 3 窗口里的 9 个值排序，取正中间那个。',
    clipExplain: '变化最大的像素 ({x}, {y})：超出 [0, 1] 的值被截断到边界。',
    imputeMeanExplain: '{filled} 个缺失像素都填成 {known} 个已知像素的均值。',
    imputeNeighbourExplain: '{filled} 个缺失像素由外向内逐圈填补，每个取它 8 个邻居中已知像素的均值。',
    noChange: '清洗没有改动任何像素。',
  },
  normalize: {
    label: '归一化方法',
    options: {
      unit: '最小–最大归一化到 [0, 1]',
      symmetric: '最小–最大归一化到 [−1, 1]',
      zscore: '标准化（整体的 μ 与 σ）',
      'zscore-pixel': '逐像素标准化（每个位置一组 μ 与 σ）',
    },
    fitNote: '统计量只用训练集计算：这里把另外 {train} 张数字当作训练集，选中的这一张当作留出的测试数字，它不参与拟合。',
    before: '留出数字：原始灰度 0–255',
    after: '归一化之后',
    histBefore: '训练集像素的直方图：归一化之前',
    histAfter: '训练集像素的直方图：归一化之后',
    rawAxis: '原始灰度值',
    valueAxis: '归一化后的值',
    share: '像素占比',
    table: {
      caption: '均值与标准差',
      set: '',
      mean: '均值',
      std: '标准差',
      trainBefore: '训练集，归一化之前',
      trainAfter: '训练集，归一化之后',
      heldAfter: '留出数字，归一化之后',
    },
    heldNote: '留出数字的均值和标准差不会正好是训练集上的值：统计量来自训练集，原样用到新数据上，这正是测试时的情形。',
    perPixelNote: '{flat} 个位置在所有训练数字里都是空白（σ = 0），按 scikit-learn 的惯例不缩放；但只要留出数字在很少出现笔画的位置有墨迹，那里的值就会被放大到几十。这就是 MNIST 通常用整体的 μ、σ 的原因。',
    failures: {
      'no-images': '没有训练数字可以拟合统计量。',
      'zero-range': '训练集的所有像素取值都一样，最大值等于最小值，无法做最小–最大归一化。',
      'zero-variance': '训练集的像素标准差为 0，无法标准化。',
    },
    imageLabel: '{panel}：数字 {label}',
  },
  augment: {
    rot: '旋转角度范围 ±（度）',
    zoom: '缩放范围 1 ±',
    shift: '平移范围 ±（像素）',
    crop: '裁剪：保留的最小边长比例',
    flipH: '左右翻转的概率',
    flipV: '上下翻转的概率',
    gridCaption: '同一张数字的 {n} 个随机增强副本（种子 {seed}；同一个链接总是得到同样的副本）',
    copy: '副本 {k}',
    rotation: '转 {deg}°',
    scale: '缩放 {s}',
    translation: '平移 ({tx}, {ty})',
    cropped: '裁剪 {w}×{h}',
    flipped: { horizontal: '左右翻转', vertical: '上下翻转', both: '上下左右都翻转' },
    flipWarning: '翻转后不再是 {label}：标签错了',
    rotationWarning: '转过 90° 以上，{label} 已经倒过来，标签不再可靠',
    summary: '{n} 个副本中有 {bad} 个改变了数字的含义，不应当带着原标签进入训练集。',
    formulaIntro: '副本 1 的几何变换（先裁剪并缩放回 28 × 28，再绕中心 c 旋转、缩放并平移；像素坐标 y 轴向下）：',
    imageLabel: '副本 {k}：{params}',
  },
  fallback: '默认示例：让一张真实的手写数字 2 的 10% 像素变成坏点或亮点（椒盐噪声），再用 3 × 3 中值滤波清洗。损坏的 {changed} 个像素中，清洗修好了 {repaired} 个，但也改动了 {introduced} 个原本正确的笔画边缘像素；与原图的平均绝对误差从 {before} 降到 {after}。',
};

export const prepStrings: Record<Locale, PrepStrings> = { 'zh-CN': zhCN };
