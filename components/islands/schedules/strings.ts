import type { IslandMeta, Locale } from '../types';
import type { RunVerdict, ScheduleKind, ScheduleProblem } from '../../../src/lib/ml/lr-schedules';

/** Everything the 9.2 learning-rate island says, per locale. Values are filled into `{name}` slots. */
export interface SchedulesStrings {
  meta: IslandMeta;
  fields: {
    legend: string;
    backend: string;
    backends: Record<string, string>;
    lr: string;
    lrMin: string;
    factor: string;
    every: string;
    warmup: string;
    images: string;
    epochs: string;
    batch: string;
    seed: string;
    gridLegend: string;
    gridLrs: string;
    gridBatches: string;
    gridImages: string;
    listHint: string;
    locked: string;
  };
  kinds: Record<ScheduleKind, string>;
  size: string;
  gridSize: string;
  actions: { start: string; grid: string; pause: string; resume: string; stop: string; stopping: string };
  status: {
    loading: string;
    download: string;
    backend: string;
    compareRun: string;
    gridCell: string;
    paused: string;
    stopped: string;
    done: string;
    gridDone: string;
  };
  charts: { lr: string; lrLabel: string; loss: string; lossLabel: string; step: string; lrAxis: string; lossAxis: string; smoothing: string; warmupEnd: string };
  results: { caption: string; schedule: string; trainLoss: string; testLoss: string; accuracy: string; verdict: string; notRun: string };
  verdicts: Record<RunVerdict, string>;
  grid: { caption: string; lrHead: string; batchHead: string; steps: string; pending: string; running: string; note: string; best: string };
  problems: Record<ScheduleProblem['code'], string>;
  errors: Record<string, string>;
  errorFallback: string;
  fallback: string;
}

const zhCN: SchedulesStrings = {
  meta: {
    title: '学习率调度：恒定、阶梯衰减与余弦退火',
    lede: '用第 5 章的 CNN 和真实的 MNIST 图像，在同一个随机种子、同样的数据顺序下各训练一次，只换学习率调度，并排比较损失曲线；再跑一个学习率 × 批量大小的小网格，看最终损失和哪里发散。',
    presets: {
      'cosine-vs-step': '余弦退火对阶梯衰减（η_max = 0.01）',
      'too-high': '学习率过大（0.1）：发散',
      warmup: '先预热 60 步再衰减',
      quick: '几秒钟的快速试跑（512 张图像、1 轮）',
    },
  },
  fields: {
    legend: '训练设置（三种调度共用）',
    backend: '计算后端',
    backends: { auto: '自动选择', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' },
    lr: '最大学习率 η_max',
    lrMin: '余弦退火的最小学习率 η_min',
    factor: '阶梯衰减系数 γ（0–1）',
    every: '阶梯衰减间隔（轮）',
    warmup: '预热步数（0 为不预热）',
    images: '训练图像数',
    epochs: '轮数（epoch 数）',
    batch: '批量大小',
    seed: '随机种子（初始权重与数据顺序）',
    gridLegend: '学习率 × 批量大小网格',
    gridLrs: '学习率（逗号分隔，1–4 个）',
    gridBatches: '批量大小（逗号分隔，1–4 个）',
    gridImages: '每格训练的图像数',
    listHint: '例如 0.001,0.01,0.1',
    locked: '训练进行中，设置已锁定。',
  },
  kinds: { constant: '恒定', step: '阶梯衰减', cosine: '余弦退火' },
  size: '规模：前 {images} 张训练图像 × {epochs} 轮，批量大小 {batch}，每种调度 {steps} 步，三种共 {total} 步（WASM 上每批 64 张约 0.1 秒）；测试用第 5 章验证曲线的那 2,000 张测试图像。优化器是 Adam，模型与第 5 章相同。',
  gridSize: '网格共 {cells} 格：每格从同一个初始模型出发，用恒定学习率把前 {images} 张训练图像过一遍（批量越大步数越少），再在 1,000 张测试图像上计算交叉熵损失。',
  actions: { start: '开始比较三种调度', grid: '运行网格', pause: '暂停', resume: '继续', stop: '停止', stopping: '正在停止…' },
  status: {
    loading: '正在准备 MNIST 数据…',
    download: '下载 MNIST 数据：{loaded} / {total} 字节',
    backend: '计算后端：{name}',
    compareRun: '正在训练：{kind}（第 {index}/3 次），第 {step}/{steps} 步',
    gridCell: '网格第 {index}/{cells} 格：学习率 {lr}，批量大小 {batch}，第 {step}/{steps} 步',
    paused: '已暂停。',
    stopped: '已停止；已完成的部分保留在下方。',
    done: '三种调度都训练完了。',
    gridDone: '网格全部完成。',
  },
  charts: {
    lr: '学习率随训练步数的变化',
    lrLabel: '折线图：横轴是训练步数，纵轴是学习率；三条线分别是恒定、阶梯衰减和余弦退火。',
    loss: '训练损失（指数滑动平均）',
    lossLabel: '折线图：横轴是训练步数，纵轴是平滑后的训练损失；每种调度一条线。',
    step: '训练步数 t',
    lrAxis: '学习率 η_t',
    lossAxis: '交叉熵损失',
    smoothing: '每步的损失先做指数滑动平均（系数 0.9，并做偏差修正）再画出；损失变成非有限数的运行在那一步截止。',
    warmupEnd: '虚线：预热结束',
  },
  results: {
    caption: '训练结束时',
    schedule: '调度',
    trainLoss: '训练损失（平滑）',
    testLoss: '测试损失',
    accuracy: '测试准确率',
    verdict: '结果',
    notRun: '—',
  },
  verdicts: { learned: '收敛', 'no-progress': '未学到（不比瞎猜好）', diverged: '发散' },
  grid: {
    caption: '最终测试损失（1,000 张测试图像上的交叉熵；越低越好）',
    lrHead: '学习率',
    batchHead: '批量大小 {batch}（{steps} 步）',
    steps: '{steps} 步',
    pending: '等待',
    running: '训练中',
    note: '“发散”：损失不是有限数，或超过瞎猜（ln 10 ≈ 2.30）的两倍——模型给错误的类别极高的概率；“未学到”：损失不比瞎猜低。颜色越深损失越低。',
    best: '最低',
  },
  problems: {
    'lr-not-positive': '最大学习率必须是正数（现在是 {lr}）。',
    'lr-min-negative': '最小学习率不能是负数（现在是 {lrMin}）。',
    'lr-min-above-max': '余弦退火的最小学习率 η_min = {lrMin} 大于最大学习率 η_max = {lr}，学习率会越训越大。请把 η_min 调到 η_max 以下。',
    'factor-out-of-range': '阶梯衰减系数必须在 0 和 1 之间（现在是 {factor}）。',
    'every-not-positive': '阶梯衰减的间隔必须至少 1 步（现在是 {everySteps}）。',
    'total-not-positive': '总步数 T 必须至少为 1（现在是 {totalSteps}）。',
    'warmup-too-long': '预热 {warmup} 步不短于整个训练的 {totalSteps} 步，预热结束前训练就停了。请减少预热步数，或增加图像数、轮数。',
  },
  errors: {
    busy: '另一个训练正在进行，请等它结束或先停止它。',
    'bad-schedule': '这组学习率设置无效，没有开始训练。',
    'bad-grid': '网格设置无效，没有开始训练。',
    'data-network': '下载 MNIST 数据时网络出错。请检查网络后再试。',
    'data-http': '服务器没有提供 MNIST 数据（HTTP 错误）。请稍后再试。',
    'data-corrupt': '下载的 MNIST 数据已损坏（校验不通过），已丢弃。请再试一次。',
    'data-manifest': 'MNIST 数据清单无效。请刷新页面后再试。',
    'data-stalled': '下载 MNIST 数据超过 20 秒没有收到数据。请检查网络后重试。',
    'data-aborted': '已取消下载 MNIST 数据。',
    'no-backend': '没有可用的计算后端（{message}）。',
    'worker-crashed': '训练线程意外退出（{message}）。请刷新页面后重试。',
    terminated: '训练线程已关闭。',
    internal: '出错了：{message}',
  },
  errorFallback: '出错了（{code}）。',
  fallback:
    '下图是默认设置下三种调度的学习率：η_max = {lr}，共 {steps} 步，阶梯衰减每 {every} 步乘以 {factor}，余弦退火从 η_max 平滑降到 η_min = {lrMin}。打开交互后，可以在浏览器里用真实的 MNIST 数据分别训练，并排比较损失曲线，并运行学习率 × 批量大小网格。',
};

export const schedulesStrings: Record<Locale, SchedulesStrings> = { 'zh-CN': zhCN };
