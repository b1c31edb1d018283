import type { IslandMeta, Locale } from '../types';

/** Everything the 4.1.1 scaling view says, per locale. Values are filled into `{name}` slots. */
export interface GemmStrings {
  meta: IslandMeta;
  backend: string;
  backends: { auto: string; webgpu: string; webgl: string; wasm: string; cpu: string };
  maxN: string;
  budget: string;
  budgetHint: string;
  part: string;
  parts: { both: string; js: string; tf: string };
  start: string;
  stop: string;
  again: string;
  idle: string;
  progressJs: string;
  progressTf: string;
  progressTfLoading: string;
  stopped: string;
  finished: string;
  skipped: string;
  badge: string;
  reasons: { asChosen: string; choiceUnavailable: string; autoMeasured: string; autoNoFasterGpu: string };
  skips: { unsupported: string; noAdapter: string; softwareOnly: string; initFailed: string; slower: string };
  skippedList: string;
  errors: {
    busy: string;
    noBackend: string;
    nonFinite: string;
    crashed: string;
    terminated: string;
    other: string;
    jsStillShown: string;
  };
  chart: { label: string; x: string; y: string; js: string; tf: string; tfPending: string };
  table: { caption: string; n: string; flops: string; jsMs: string; jsRate: string; tfMs: string; tfRate: string; ratio: string; notRun: string };
  formula: string;
  summary: string;
  summarySlower: string;
  precision: string;
  fallback: string;
}

const zhCN: GemmStrings = {
  meta: {
    title: '为什么深度学习离不开 GPU：同一个矩阵乘法，两种实现',
    lede: '按下按钮，在你的浏览器里把 n×n 矩阵相乘（n = 64、128……2048）：一次用纯 JavaScript 的三重循环，一次用 TensorFlow.js（优先 WebGPU）。每次乘法要做 2n³ 次浮点运算，图中画的是每秒完成多少十亿次（GFLOP/s）。',
    presets: {
      quick: '快速：只测到 n = 512',
      webgpu: '只测 TensorFlow.js（WebGPU）',
      wasm: 'WASM 后端（CPU 的 SIMD 指令）',
      cpu: 'TensorFlow.js 的 CPU 后端',
    },
  },
  backend: 'TensorFlow.js 后端',
  backends: { auto: '自动（与第 5 章相同）', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU（纯 JavaScript）' },
  maxN: '最大的 n',
  budget: '单次乘法的时间上限（秒）',
  budgetHint: '根据上一个尺寸的用时按 n³ 推算，超过上限的尺寸就不再测。',
  part: '测量哪些实现',
  parts: { both: '两种都测', js: '只测纯 JavaScript', tf: '只测 TensorFlow.js' },
  start: '开始测量',
  stop: '停止',
  again: '重新测量',
  idle: '测量只在你按下按钮后进行：纯 JavaScript 在页面里分段计算（页面保持可用），TensorFlow.js 在后台线程里运行。',
  progressJs: '纯 JavaScript：正在计算 n = {n}，已完成 {percent}%',
  progressTf: 'TensorFlow.js：正在计算 n = {n}（先预热一次，再计时）',
  progressTfLoading: 'TensorFlow.js：正在加载并选择后端……',
  stopped: '已停止。已测到的结果保留在下面。',
  finished: '测量完成。',
  skipped: '{part}没有测 n = {n}：按上一个尺寸推算要 {seconds} 秒，超过了 {budget} 秒的上限。',
  badge: '正在使用：{name}',
  reasons: {
    asChosen: '按设置选用',
    choiceUnavailable: '选定的 {choice} 不可用，改用了下一个',
    autoMeasured: '自动：实测 256×256 乘法用时 {ms} 毫秒，WASM 为 {wasmMs} 毫秒，选了更快的',
    autoNoFasterGpu: '自动：没有可用的硬件 GPU 后端',
  },
  skips: {
    unsupported: '浏览器不支持',
    noAdapter: '没有可用的设备',
    softwareOnly: '只有软件模拟的 GPU',
    initFailed: '初始化失败：{message}',
    slower: '实测比 WASM 慢（{ms} 毫秒对 {wasmMs} 毫秒）',
  },
  skippedList: '未用：{list}',
  errors: {
    busy: 'TensorFlow.js 正忙于另一次测量，请等它结束。',
    noBackend: '没有任何 TensorFlow.js 后端能在这个浏览器里启动。',
    nonFinite: 'TensorFlow.js 算出的乘积里出现了 NaN 或无穷大，这次结果作废。',
    crashed: 'TensorFlow.js 的后台线程无法启动或已经崩溃{detail}。',
    terminated: 'TensorFlow.js 的后台线程已被关闭。',
    other: 'TensorFlow.js 出错了：{message}',
    jsStillShown: '纯 JavaScript 的结果不受影响。',
  },
  chart: {
    label: '矩阵乘法的速度（GFLOP/s，对数坐标）随矩阵大小 n 的变化',
    x: '矩阵大小 n（对数坐标）',
    y: 'GFLOP/s（对数坐标）',
    js: '纯 JavaScript 三重循环',
    tf: 'TensorFlow.js（{backend}）',
    tfPending: 'TensorFlow.js',
  },
  table: {
    caption: '每个尺寸的运算量与实测结果',
    n: 'n',
    flops: '运算量 2n³',
    jsMs: 'JS 用时',
    jsRate: 'JS GFLOP/s',
    tfMs: 'TF.js 用时',
    tfRate: 'TF.js GFLOP/s',
    ratio: '快多少倍',
    notRun: '—',
  },
  formula: '以 n = {n} 为例：',
  summary: '在 n = {n} 时，TensorFlow.js（{backend}）的速度是 JavaScript 三重循环的 {ratio} 倍。矩阵越大，并行硬件越能发挥作用；训练一个大模型的大部分时间都花在这样的矩阵乘法上。',
  summarySlower: '在 n = {n} 时，TensorFlow.js（{backend}）反而比 JavaScript 三重循环慢（速度只有它的 {ratio} 倍）：小矩阵的计算量太少，启动计算和读回结果的固定开销占了大头；机器正忙时，计时也会失准。',
  precision: '说明：JavaScript 用双精度（float64）计算，TensorFlow.js 用单精度（float32），这也是 GPU 上训练的常规做法。计时含把结果读回页面的时间；每次的数字会随机器和负载而变化。',
  fallback: '运算量随 n³ 增长：n 每翻一倍，要做的乘加就变为 8 倍。启动交互演示后按“开始测量”，即可在你的设备上实测两种实现的速度。',
};

export const gemmStrings: Record<Locale, GemmStrings> = { 'zh-CN': zhCN };
