import type { IslandMeta, Locale } from '../types';
import type { BackendChoice, BackendName } from '../../../src/tf/backend-field';
import type { ChoiceReason, SkipReason } from '../../../src/tf/backends';
import type { InitKind } from './model';

/** Everything the 3.1.2 initialization island says, per locale. Values are filled into `{name}` slots. */
export interface InitStrings {
  meta: IslandMeta;
  init: { label: string; options: Record<InitKind, string>; short: Record<InitKind, string> };
  activation: { label: string; tanh: string; relu: string; sigmoid: string };
  depth: string;
  width: string;
  sigma: string;
  limit: string;
  compare: string;
  reseed: string;
  backend: { label: string; hint: string; options: Record<BackendChoice, string> };
  backendNames: Record<BackendName, string>;
  reasons: Record<ChoiceReason['code'], string>;
  skipped: Record<SkipReason['code'], string>;
  skippedLine: string;
  engine: { page: string; tf: string; ms: string; busy: string; loadingTf: string; fallback: string };
  workerErrors: Record<string, string>;
  loading: string;
  loadFailed: string;
  retry: string;
  formula: {
    title: string;
    places: { first: string; hidden: string; output: string };
    gainIntro: string;
    gainVanish: string;
    gainExplode: string;
    gainSteady: string;
    sigmoidNote: string;
  };
  chart: {
    title: string;
    x: string;
    y: string;
    logNote: string;
    activation: string;
    gradient: string;
    refActivation: string;
    refGradient: string;
    sameAsRecommended: string;
    zero: string;
  };
  strip: { title: string; x: string; row: string; reluAbove: string; label: string };
  summary: {
    ratio: string;
    saturated: string;
    relu: string;
    gradient: string;
    loss: string;
    reference: string;
  };
  overflow: { forward: string; backward: string; text: string };
  fallback: string;
}

const zhCN: InitStrings = {
  meta: {
    title: '初始化实验台：信号在深层网络里消失还是爆炸',
    lede: '把 100 张真实的手写数字送进一个多层全连接网络，选择权重初始化、激活函数、层数和每层宽度，逐层查看激活值的分布以及激活值和梯度的标准差：信号怎样随深度消失或爆炸，又怎样在 Xavier 或 He 初始化下保持平稳。',
    presets: {
      vanish: '小均匀分布：信号消失',
      xavier: 'tanh + Xavier：平稳',
      'relu-xavier': 'ReLU + Xavier：逐层衰减',
      'relu-he': 'ReLU + He：20 层仍平稳',
    },
  },
  init: {
    label: '权重初始化',
    options: {
      uniform: '小均匀分布 U(−a, a)',
      normal: '高斯分布 N(0, σ²)',
      'glorot-normal': 'Xavier / Glorot 正态',
      'glorot-uniform': 'Xavier / Glorot 均匀',
      'he-normal': 'He 正态',
      'he-uniform': 'He 均匀',
    },
    short: { uniform: '均匀分布', normal: '高斯分布', 'glorot-normal': 'Xavier 正态', 'glorot-uniform': 'Xavier 均匀', 'he-normal': 'He 正态', 'he-uniform': 'He 均匀' },
  },
  activation: { label: '激活函数', tanh: 'tanh', relu: 'ReLU', sigmoid: 'sigmoid' },
  depth: '隐藏层数',
  width: '每个隐藏层的宽度（神经元个数）',
  sigma: '高斯分布的标准差 σ',
  limit: '均匀分布的边界 a',
  compare: '同时画出本章推荐的初始化（虚线）',
  reseed: '换一组随机权重（种子 {seed}）',
  backend: {
    label: 'TensorFlow.js 计算后端',
    hint: '网络较小时直接在页面里用 JavaScript 计算；层数多、宽度大时交给后台线程里的 TensorFlow.js。',
    options: { auto: '自动选择', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' },
  },
  backendNames: { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' },
  reasons: {
    'as-chosen': '按所选的后端运行',
    'choice-unavailable': '所选的后端不可用，改用了下一个',
    'auto-measured': '自动选择：实测一次矩阵乘法 {ms} ms，WASM 为 {wasmMs} ms',
    'auto-no-faster-gpu': '自动选择：没有可用的硬件 GPU',
  },
  skipped: {
    unsupported: '浏览器不支持',
    'no-adapter': '没有可用的 GPU',
    'software-only': '只有软件模拟的 GPU',
    'init-failed': '启动失败（{message}）',
    slower: '实测更慢（{ms} ms，WASM {wasmMs} ms）',
  },
  skippedLine: '{name}：{why}',
  engine: {
    page: '在页面中用纯 JavaScript 计算（约 {work} 次乘加，规模较小）',
    tf: 'TensorFlow.js · {backend}：{reason}',
    ms: '用时 {ms} ms',
    busy: '正在用 TensorFlow.js 计算……',
    loadingTf: '正在载入 TensorFlow.js（第一次需要几秒）……',
    fallback: 'TensorFlow.js 没能运行（{why}），已改用页面中的纯 JavaScript 计算：结果相同，只是慢一些。',
  },
  workerErrors: {
    'no-backend': '没有能启动的计算后端：{message}',
    'compute-failed': '计算出错：{message}',
    'bad-data': '送进去的数字数据不完整',
    'bad-config': '网络设置不合法',
    'worker-crashed': '后台线程崩溃了',
    terminated: '后台线程被终止',
    internal: '内部错误：{message}',
    other: '错误代码 {code}',
  },
  loading: '正在载入 300 个真实的手写数字（约 236 KB）……',
  loadFailed: '手写数字样本没有下载成功（{why}），无法运行网络；公式部分仍然有效。',
  retry: '重新下载',
  formula: {
    title: '所选初始化给出的权重方差（代入你的层宽）',
    places: { first: '第 1 层（784 → {w}）', hidden: '中间各层（{w} → {w}）', output: '输出层（{w} → 10）' },
    gainIntro: '在两个隐藏层之间，信号的二阶矩每经过一层约乘以',
    gainVanish: '这个因子小于 1：经过 {n} 层约缩小为原来的 {total}，信号和梯度逐层消失。',
    gainExplode: '这个因子大于 1：经过 {n} 层约放大 {total} 倍，信号逐层爆炸（tanh 和 sigmoid 会先饱和）。',
    gainSteady: '这个因子等于或接近 1：信号的尺度逐层保持不变。',
    sigmoidNote: 'sigmoid 的输出不以 0 为中心、在 0 处的斜率只有 1/4，这个一阶估计对它只作参考。',
  },
  chart: {
    title: '逐层的标准差（对数坐标）',
    x: '隐藏层',
    y: '标准差',
    logNote: '纵轴是对数刻度：每高一格，数值乘以 10。',
    activation: '激活值 a 的标准差',
    gradient: '梯度 ∂L/∂a 的标准差',
    refActivation: '{name}：激活值',
    refGradient: '{name}：梯度',
    sameAsRecommended: '当前选择的就是本章对 {activation} 推荐的初始化（{name}），不再另画对照线。',
    zero: '{n} 个值为 0（下溢），图中略去',
  },
  strip: {
    title: '每一层激活值的直方图（色块越实，落在该区间的激活值越多）',
    x: '激活值',
    row: '第 {k} 层',
    reluAbove: '最右一格也包括大于 {max} 的激活值（第 {k} 层有 {n} 个）。',
    label: '{depth} 个隐藏层的激活值直方图',
  },
  summary: {
    ratio: '第 {last} 层激活值的标准差是第 1 层的 {ratio} 倍。',
    saturated: '第 {last} 层有 {share} 的激活值处于饱和区（tanh：|a| > 0.99；sigmoid：a < 0.01 或 a > 0.99），那里的梯度几乎为 0。',
    relu: '第 {last} 层有 {zero} 的激活值为 0，{dead} 的神经元对全部 100 张数字都输出 0。',
    gradient: '第 1 层的梯度标准差是第 {last} 层的 {ratio} 倍。',
    loss: '初始损失 {loss}（随机猜测时约为 ln 10 ≈ 2.303）。',
    reference: '对照（{name}）：第 {last} 层激活值的标准差是第 1 层的 {ratio} 倍。',
  },
  overflow: {
    forward: '前向传播',
    backward: '反向传播',
    text: '第 {layer} 层在{phase}中溢出：数值超出了 float32 能表示的范围（约 3.4 × 10³⁸），变成了无穷大。权重的方差太大时，信号每经过一层都被放大，若干层之后就会溢出。请减小 σ 或 a，减少层数，或者换用 Xavier / He 初始化。',
  },
  fallback:
    '默认示例是正文中的情形：权重取 σ = 0.01 的高斯分布，10 个 tanh 隐藏层，每层 64 个神经元，输入是 100 张真实的手写数字。第 10 层激活值的标准差只有第 1 层的 {ratio} 倍；换成 Xavier 初始化（虚线）则是 {reference} 倍。',
};

export const initStrings: Record<Locale, InitStrings> = { 'zh-CN': zhCN };
