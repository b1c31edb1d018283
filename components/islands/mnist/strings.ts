import type { IslandMeta, Locale } from '../types';

/** Everything the chapter 5 training island says, per locale. Placeholders are `{name}`. */
export interface MnistStrings {
  meta: IslandMeta;
}

const zhCN: MnistStrings = {
  meta: {
    title: '在浏览器里训练原文的 MNIST 卷积网络',
    lede: '同一个 93,322 个参数的网络，在真实的 MNIST 数据上训练：默认先用 6,000 张图像快速训练一轮（不到一分钟），也可以切换到原文的完整训练（60,000 张、5 轮）。训练在后台线程运行，页面不会卡住；每轮结束后在 10,000 张测试图像上评估，训练好的模型保存在你的浏览器里，可以下载，也可以在画板上手写数字来试。',
    presets: { source: '原文的完整训练：60,000 张、5 轮', short: '快速训练 3 轮', cpu: '只用 CPU（比较速度）' },
  },
};

export const mnistStrings: Record<Locale, MnistStrings> = { 'zh-CN': zhCN };
