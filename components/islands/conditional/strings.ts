import type { IslandMeta, Locale } from '../types';

/** Everything the 4.2.2 conditional-probability island says, per locale. Values are filled into `{name}` slots. */
export interface CondStrings {
  meta: IslandMeta;
  fields: { pA: string; pB: string; pAB: string };
  abBounds: string;
  given: { label: string; none: string; b: string; a: string };
  invalid: { outOfRange: string; tooLarge: string; tooSmall: string; fix: string; stale: string; noPicture: string };
  mosaic: {
    label: string;
    x: string;
    y: string;
    handle: string;
    dragHint: string;
    givenB: string;
    givenA: string;
    whole: string;
  };
  table: { caption: string; total: string };
  formulas: { title: string; undefinedB: string; undefinedA: string };
  independence: {
    title: string;
    independent: string;
    positive: string;
    negative: string;
    disjoint: string;
  };
  fallback: string;
}

const zhCN: CondStrings = {
  meta: {
    title: '条件概率：把样本空间缩小到 B',
    lede: '设定 P(A)、P(B) 和 P(A∩B)，在面积图与 2×2 表里看四块互斥区域的概率；公式代入你的数字计算 P(A | B)、P(B | A)、P(A∪B)，并检验 A 与 B 是否独立。不可能的组合会被指出，并给出允许的范围。',
    presets: {
      independent: '独立：P(A∩B) = P(A)P(B)',
      disjoint: '互斥：P(A∩B) = 0',
      dependent: '相依：P(A | B) ≠ P(B | A)',
      dice: '正文的例子：两枚骰子',
    },
  },
  fields: { pA: 'P(A)', pB: 'P(B)', pAB: 'P(A∩B)' },
  abBounds: '对这组 P(A)、P(B)，P(A∩B) 只能在 {lower} 到 {upper} 之间。',
  given: { label: '已知条件', none: '不加条件', b: '已知 B 发生', a: '已知 A 发生' },
  invalid: {
    outOfRange: '{which} = {value} 不是概率：概率必须在 0 到 1 之间。',
    tooLarge: 'P(A∩B) = {pAB} 不可能：A∩B 既是 A 的一部分，也是 B 的一部分，不能大于其中较小的 {limitedBy} = {bound}。',
    tooSmall: 'P(A∩B) = {pAB} 不可能：那样 P(A∪B) = P(A) + P(B) − P(A∩B) = {union}，超过了 1。A 与 B 至少要重叠 P(A) + P(B) − 1 = {bound}。',
    fix: '把 P(A∩B) 改为最接近的可能值 {bound}',
    stale: '下面的图与表仍是上一组可能的取值。',
    noPicture: '改为可能的取值之后，这里会画出面积图。',
  },
  mosaic: {
    label: '面积图：整个正方形是样本空间，面积就是概率。左边宽 P(A) 的一列是 A，每列下部是 B。',
    x: '宽度：P(A) 与 P(Ā)',
    y: '高度：P(B | A) 与 P(B | Ā)',
    handle: 'A∩B 的右上角（左右改变 P(A)，上下改变 P(B | A)）',
    dragHint: '拖动圆点（或选中后按方向键）：左右改变 P(A)，上下改变 P(B | A)，P(B) 不变。',
    givenB: '已知 B 发生：只看 B 的区域（下部），A 在其中占的比例就是 P(A | B) = {value}。',
    givenA: '已知 A 发生：只看 A 的一列，B 在其中占的比例就是 P(B | A) = {value}。',
    whole: '不加条件：整个正方形是样本空间，A 的面积是 P(A) = {pA}。',
  },
  table: { caption: '2×2 表：四块互斥区域的概率，边上是行与列的合计', total: '合计' },
  formulas: {
    title: '代入你的数字',
    undefinedB: 'P(B) = 0：以不可能事件为条件，P(A | B) 没有定义。',
    undefinedA: 'P(A) = 0：以不可能事件为条件，P(B | A) 没有定义。',
  },
  independence: {
    title: '独立性检验',
    independent: 'A 与 B 独立：知道 B 发生并不改变 A 的概率，P(A | B) = P(A)。',
    positive: 'A 与 B 不独立，而且倾向于一起发生：P(A∩B) 比独立时多 {gap}，已知 B 发生后，A 的概率从 {pA} 升到 {pAgivenB}。',
    negative: 'A 与 B 不独立，而且倾向于互相排斥：P(A∩B) 比独立时少 {gap}，已知 B 发生后，A 的概率从 {pA} 降到 {pAgivenB}。',
    disjoint: '互斥不是独立：A 与 B 互斥而各自都可能发生，那么一旦知道 B 发生，A 就不可能发生了。',
  },
  fallback: '默认示例：P(A) = {pA}，P(B) = {pB}，P(A∩B) = {pAB}，于是 P(A | B) = {pAgivenB}，而 P(B | A) = {pBgivenA}——两个方向的条件概率一般不相等。',
};

export const condStrings: Record<Locale, CondStrings> = { 'zh-CN': zhCN };
