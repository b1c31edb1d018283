import { slug } from 'github-slugger';

/** The chapter 2 concept graph: nodes, edges and where each node is explained. */
export interface ConceptNode {
  id: string;
  label: string;
  /** Site path (without base) and heading text of the section that explains it. */
  page: string;
  heading: string;
}

export const conceptNodes: readonly ConceptNode[] = [
  { id: 'A', label: 'AI大模型', page: 'chapters/02-concepts/', heading: '2.1 AI大模型' },
  { id: 'B', label: '深度学习', page: 'chapters/02-concepts/', heading: '2.2 深度学习' },
  { id: 'C', label: '神经网络', page: 'chapters/02-concepts/', heading: '2.3 神经网络' },
  { id: 'D', label: '特征提取', page: 'chapters/02-concepts/', heading: '2.4 特征提取' },
  { id: 'E', label: '参数调优', page: 'chapters/02-concepts/', heading: '2.5 参数调优' },
  { id: 'F', label: '优化算法', page: 'chapters/02-concepts/', heading: '2.6 优化算法' },
  { id: 'G', label: '应用场景', page: 'chapters/02-concepts/', heading: '2.7 应用场景' },
  { id: 'H', label: '自然语言处理', page: 'chapters/06-applications/', heading: '6.1 自然语言处理' },
  { id: 'I', label: '计算机视觉', page: 'chapters/06-applications/', heading: '6.2 计算机视觉' },
  { id: 'J', label: '金融风控', page: 'chapters/06-applications/', heading: '6.3 金融风控' },
  { id: 'K', label: '生成对抗网络', page: 'chapters/02-concepts/', heading: '2.8 其他相关概念' },
  { id: 'L', label: '图像生成', page: 'chapters/02-concepts/', heading: '2.8 其他相关概念' },
  { id: 'M', label: '数据增强', page: 'chapters/03-algorithms/', heading: '3.1.1 数据预处理' },
];

/** The source's edges, in its order. */
export const conceptEdges: readonly (readonly [string, string])[] = [
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'D'],
  ['D', 'E'],
  ['E', 'F'],
  ['A', 'G'],
  ['G', 'H'],
  ['G', 'I'],
  ['G', 'J'],
  ['B', 'K'],
  ['K', 'L'],
  ['K', 'M'],
];

/** Mermaid source of the graph, with each node linking to its section. */
export function conceptGraphSource(hrefOf: (node: ConceptNode) => string): string {
  const lines = ['graph TD'];
  for (const node of conceptNodes) lines.push(`  ${node.id}["${node.label}"]`);
  for (const [from, to] of conceptEdges) lines.push(`  ${from} --> ${to}`);
  for (const node of conceptNodes) lines.push(`  click ${node.id} href "${hrefOf(node)}" "阅读：${node.heading}"`);
  return lines.join('\n');
}

/** A node's link, root-relative: the page rebases it onto the site's base path. */
export const rootHrefOf = (node: ConceptNode): string => `/${node.page}#${slug(node.heading)}`;

/** What scripts/concept-graph.mjs gives Mermaid to draw. */
export const conceptGraphDrawingSource = (): string => conceptGraphSource(rootHrefOf);

/**
 * The drawing's labels are measured in headless Chromium with this list, which starts with
 * the CJK faces readers have (site.css): CJK glyphs are one em wide in all of them, so the
 * boxes fit on the reader's machine too.
 */
export const CONCEPT_GRAPH_FONT =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

export type ConceptGraphTheme = 'light' | 'dark';

/** Where the committed drawing of one theme lives, under the project root. */
export const conceptGraphSvgFile = (root: string, theme: ConceptGraphTheme): string =>
  `${root.replace(/\/?$/, '/')}components/ui/concept-graph-${theme}.svg`;
