import type { IslandMeta, Locale } from '../types';

/** Everything the chapter 5 training island says, per locale. Values are filled into `{name}` slots. */
export interface MnistStrings {
  meta: IslandMeta;
  settings: {
    legend: string;
    backend: string;
    backends: Record<'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu', string>;
    slice: string;
    slices: { quick: string; full: string };
    epochs: string;
    batch: string;
    lr: string;
    lockedWhileTraining: string;
  };
  actions: { start: string; pause: string; resume: string; stop: string; stopping: string; clear: string; sample: string; export: string; import: string };
  backendReason: Record<'as-chosen' | 'choice-unavailable' | 'auto-measured' | 'auto-no-faster-gpu', string>;
  skipReason: Record<'unsupported' | 'no-adapter' | 'software-only' | 'init-failed' | 'slower', string>;
  ownKernels: string;
  skipped: string;
  download: string;
  data: string;
  dataFromCache: string;
  dataDownloaded: string;
  sliceUsed: { quick: string; full: string };
  progress: string;
  timeLeft: { hours: string; minutes: string; seconds: string; unknown: string };
  status: {
    paused: string;
    stopping: string;
    stoppedNone: string;
    stoppedSome: string;
    stoppedKeptOld: string;
    done: string;
    epochDone: string;
  };
  fallback: string;
  lossNames: { 'webgpu-device-lost': string; 'webgl-context-lost': string };
  notices: { 'save-failed': string; 'save-timeout': string; 'storage-missing': string };
  errors: Record<string, string>;
  errorFallback: string;
  debug: { summary: string; tensors: string; before: string; start: string; stopped: string; done: string; epochs: string };
  charts: { loss: string; accuracy: string; epochAxis: string; lossAxis: string; accuracyAxis: string; train: string; validation: string; validationNote: string };
  epochTable: { caption: string; epoch: string; accuracy: string; loss: string; time: string; seconds: string };
  final: { title: string; confusion: string; truthPredicted: string; perClass: string; digit: string; precision: string; recall: string; f1: string; support: string; wrong: string; wrongAlt: string };
  model: {
    title: string;
    none: string;
    sources: { trained: string; indexeddb: string; files: string };
    accuracy: string;
    accuracySample: string;
    notEvaluated: string;
    epochs: string;
    savedAt: string;
    notSaved: string;
    checking: string;
    loaded: string;
    importLocked: string;
    weakModel: string;
  };
  pad: { hint: string; answer: string; sample: string; exported: string };
}

const zhCN: MnistStrings = {
  meta: {
    title: '在浏览器里训练原文的 MNIST 卷积网络',
    lede: '同一个 93,322 个参数的网络，在真实的 MNIST 数据上训练：默认先用 6,000 张图像快速训练一轮（几十秒），也可以切换到原文的完整训练（60,000 张、5 轮）。训练在后台线程运行，页面不会卡住；每轮结束后在 10,000 张测试图像上评估，训练好的模型保存在你的浏览器里，可以下载，也可以在画板上手写数字来试。',
    presets: { source: '原文的完整训练：60,000 张、5 轮', short: '快速训练 3 轮', cpu: '只用 CPU（比较速度）' },
  },
  settings: {
    legend: '训练设置',
    backend: '计算后端',
    backends: { auto: '自动', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' },
    slice: '训练数据',
    slices: { quick: '快速：6,000 张', full: '完整：60,000 张（同原文）' },
    epochs: '轮数',
    batch: '批量大小',
    lr: '学习率',
    lockedWhileTraining: '训练进行中，设置已锁定；停止后可以修改。',
  },
  actions: {
    start: '开始训练',
    pause: '暂停',
    resume: '继续',
    stop: '停止',
    stopping: '正在停止…',
    clear: '清空画板',
    sample: '从测试集取一张',
    export: '下载模型',
    import: '载入模型文件…',
  },
  backendReason: {
    'as-chosen': '按你的选择',
    'choice-unavailable': '你选择的 {choice} 不可用，改用它',
    'auto-measured': '自动选择：实测最快（每批约 {ms} ms，WASM 为 {wasmMs} ms）',
    'auto-no-faster-gpu': '自动选择：没有可用的 GPU 后端',
  },
  skipReason: {
    unsupported: '这个浏览器不支持',
    'no-adapter': '没有可用的 GPU',
    'software-only': '只有软件实现，比 WASM 慢得多',
    'init-failed': '初始化失败（{message}）',
    slower: '实测每批 {ms} ms，慢于 WASM 的 {wasmMs} ms',
  },
  ownKernels: '使用本站为它编写的训练内核',
  skipped: '未用：{list}',
  download: '下载 MNIST 数据 {loaded} / {total}',
  data: '数据：MNIST 共 {all} 张（训练 {train} 张，测试 {test} 张），本次训练用{slice}；{cache}。',
  dataFromCache: '来自浏览器缓存，无需重新下载',
  dataDownloaded: '已下载并缓存，下次访问直接使用',
  sliceUsed: { quick: '前 6,000 张训练图像', full: '全部训练图像' },
  progress: '第 {epoch}/{epochs} 轮 · 批 {batch}/{batches} · 损失 {loss} · 训练准确率 {accuracy} · {speed} 张/秒 · 预计剩余 {left}',
  timeLeft: { hours: '{h} 时 {m} 分', minutes: '{m} 分 {s} 秒', seconds: '{s} 秒', unknown: '—' },
  status: {
    paused: '已暂停：模型和进度都保留着，点击“继续”接着训练。',
    stopping: '正在停止：当前这一批结束后就停。',
    stoppedNone: '已停止：第一轮还没有结束，这次训练没有得到新模型。',
    stoppedSome: '已停止：完成了 {epochs} 轮，当前模型就是第 {epochs} 轮结束时的版本。',
    stoppedKeptOld: '画板仍在使用之前的模型。',
    done: '训练完成。',
    epochDone: '第 {epoch} 轮完成，测试准确率 {accuracy}。',
  },
  fallback: '{why}：训练改在 {to} 上从第 {epoch} 轮继续（之前完成的轮次保留，Adam 的动量重新开始累计）。',
  lossNames: { 'webgpu-device-lost': 'GPU 设备丢失（WebGPU）', 'webgl-context-lost': 'GPU 设备丢失（WebGL 上下文丢失）' },
  notices: {
    'save-failed': '模型没能保存到本浏览器（{message}）；训练照常进行，需要保留它请用“下载模型”。',
    'save-timeout': '浏览器存储 {seconds} 秒没有响应，模型没有保存；训练照常进行，需要保留它请用“下载模型”。',
    'storage-missing': '这个浏览器窗口不能使用本地存储（例如无痕模式），模型不会保存；需要保留它请用“下载模型”。',
  },
  errors: {
    busy: '正在训练中，这个操作要等训练停止后才能进行。',
    'data-network': '下载 MNIST 数据时网络出错。请检查网络后再点“开始训练”。',
    'data-http': '服务器没有提供 MNIST 数据（HTTP 错误）。请稍后再试。',
    'data-corrupt': '下载的 MNIST 数据已损坏（校验不通过），已丢弃。请再试一次。',
    'data-manifest': 'MNIST 数据清单无效。请刷新页面后再试。',
    'data-stalled': '下载 MNIST 数据时连接中断，超过 20 秒没有收到数据。请检查网络后再点“开始训练”重试。',
    'data-aborted': '已取消下载 MNIST 数据。',
    'no-model': '还没有模型：先训练，或载入之前下载的模型文件。',
    'no-files': '没有选择文件。',
    'too-many-files': '一次选择了 {count} 个文件；请只选模型的 .json 文件和它的权重 .bin 文件。',
    'no-model-json': '没有找到模型描述文件（.json）。请同时选择下载得到的 mnist-cnn.json 和 mnist-cnn.weights.bin。',
    'not-json': '所选的 .json 文件不是有效的 JSON，可能已损坏。请重新下载模型后再载入。',
    'not-layers-model': '所选的 JSON 不是 TensorFlow.js 的 Layers 模型文件。请选择本页“下载模型”得到的 mnist-cnn.json。',
    'no-weights-file': '缺少权重文件（.bin）。请把 mnist-cnn.json 和 mnist-cnn.weights.bin 一起选上。',
    'model-too-large': '文件 {name} 有 {bytes} 字节，超过了 {limit} 字节的上限；这不是本章的模型。',
    'weights-size-mismatch': '权重文件的大小不对：模型描述要求 {expected} 字节，选择的文件共 {actual} 字节。可能选错了文件，或者文件没下载完整。',
    'several-inputs': '这个模型有 {count} 个输入；本章的模型只接受一张 28×28 的图像。',
    'wrong-input': '这个模型的输入形状是 {shape}，本章的模型需要 [null, 28, 28, 1]。',
    'wrong-output': '这个模型的输出形状是 {shape}，本章的模型需要 [null, 10]（十个数字的概率）。',
    'non-finite-weights': '权重里有非有限的数（NaN 或无穷大），模型已损坏，没有载入。',
    'non-finite-output': '这个模型算出的概率不是有限的数，模型已损坏，没有载入。',
    'load-failed': 'TensorFlow.js 无法读取这个模型（{message}）。',
    'worker-crashed': '训练线程意外退出（{message}）。请刷新页面后重试。',
    terminated: '训练线程已关闭。',
    'no-backend': '没有可用的计算后端。',
    internal: '出错了：{message}',
  },
  errorFallback: '出错了（{code}）。',
  debug: {
    summary: '调试信息',
    tensors: '张量计数（tf.memory().numTensors）：{list}',
    before: '开始之前 {n}',
    start: '训练开始（模型与 Adam 状态就绪）{n}',
    stopped: '停止之后 {n}',
    done: '训练结束 {n}',
    epochs: '各轮结束 {list}',
  },
  charts: {
    loss: '损失（交叉熵）',
    accuracy: '准确率',
    epochAxis: '轮',
    lossAxis: '损失',
    accuracyAxis: '准确率',
    train: '训练',
    validation: '验证',
    validationNote: '验证：2,000 张未参与训练的测试图像',
  },
  epochTable: { caption: '每轮结束后在全部 10,000 张测试图像上的结果', epoch: '轮', accuracy: '测试准确率', loss: '测试损失', time: '用时', seconds: '{s} 秒' },
  final: {
    title: '最终评估：测试准确率 {accuracy}',
    confusion: '混淆矩阵（行：真实数字，列：预测数字；非对角线越深，混淆越多）',
    truthPredicted: '真\\预',
    perClass: '各类别的精确率、召回率和 F1（第 3 章的同一个指标引擎）',
    digit: '数字',
    precision: '精确率',
    recall: '召回率',
    f1: 'F1',
    support: '样本数',
    wrong: '识别错的测试图像（前 {count} 张）',
    wrongAlt: '测试图像 #{index}：真实 {label}，模型答 {predicted}',
  },
  model: {
    title: '用你的模型识别手写数字',
    none: '还没有模型：先训练（“快速”一轮只需几十秒），或载入之前下载的模型文件。',
    sources: { trained: '本次训练', indexeddb: '上次保存在本浏览器中的模型', files: '从文件载入的模型' },
    accuracy: '在 {count} 张测试图像上的准确率 {accuracy}',
    accuracySample: '本页在 {count} 张真实测试图像上测得的准确率 {accuracy}',
    notEvaluated: '未能评估（样本数据无法下载）',
    epochs: '训练了 {epochs} 轮',
    savedAt: '已保存于 {time}',
    notSaved: '没有保存到本浏览器',
    checking: '正在检查模型文件…',
    loaded: '模型已载入并通过检查。',
    importLocked: '训练进行中，不能载入模型文件。',
    weakModel: '这个模型的准确率很低，几乎是在猜。',
  },
  pad: {
    hint: '在画板上写一个数字，这里会显示模型给 0–9 每个数字的概率。',
    answer: '模型的回答：{digit}（{p}）',
    sample: '这是测试图像 #{index}，真实标签是 {label}。',
    exported: '已下载 mnist-cnn.json 和 mnist-cnn.weights.bin。',
  },
};

export const mnistStrings: Record<Locale, MnistStrings> = { 'zh-CN': zhCN };
