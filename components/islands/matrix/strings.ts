import type { IslandMeta, Locale } from '../types';

/** Everything the 4.1.1 matrix island says, per locale. Values are filled into `{name}` slots. */
export interface MatrixStrings {
  meta: IslandMeta;
  opLabel: string;
  ops: { solve: string; inverse: string; det: string; add: string; subtract: string; multiply: string };
  editor: {
    caption: string;
    rows: string;
    cols: string;
    cell: string;
    fillLabel: string;
    random: string;
    identity: string;
    singular: string;
    hilbert: string;
    squareNote: string;
    paste: string;
    pasteHint: string;
    pasteApply: string;
    pasteDone: string;
    cellNotNumber: string;
    cellOutOfRange: string;
    bHidden: string;
  };
  parse: { empty: string; notNumber: string; ragged: string; tooLarge: string; outOfRange: string };
  issues: { count: string; tooLong: string };
  digits: string;
  digitsOption: string;
  result: {
    title: string;
    pickEntry: string;
    entryLabel: string;
    mismatchSame: string;
    mismatchInner: string;
    fixB: string;
    fixBRows: string;
    fixACols: string;
    overflow: string;
    overflowLu: string;
    notSquare: string;
    notSquareWhat: { det: string; inverse: string; solve: string };
    solveShape: string;
    singular: string;
    singularDet: string;
    detRule: string;
    solveNote: string;
    inverseNote: string;
    residual: string;
    errorBound: string;
    exactOnes: string;
  };
  condition: { well: string; moderate: string; severe: string; singular: string; singularUnknown: string };
  steps: {
    title: string;
    counter: string;
    first: string;
    prev: string;
    next: string;
    play: string;
    pause: string;
    last: string;
    reducedMotion: string;
    none: string;
    initial: string;
    initialSolve: string;
    swap: string;
    eliminate: string;
    done: string;
    doneSolve: string;
    pivot: string;
    changed: string;
    tableLabel: string;
    rhs: string;
  };
  fallback: string;
}

const zhCN: MatrixStrings = {
  meta: {
    title: '矩阵实验台：加、减、乘，以及“解方程而不是做除法”',
    lede: '编辑矩阵 A 和 B（最大 6×6），计算 A + B、A − B、AB、det A 和 A⁻¹，或用带部分主元的 LU 分解解 AX = B，并一步一步回放消元过程；奇异和病态的矩阵会给出条件数和解释。',
    presets: {
      solve3: '3×3 方程组：第一步就要换行',
      singular: '奇异矩阵：1 到 9 按行排列',
      hilbert6: '病态：6 阶 Hilbert 矩阵',
      mismatch: 'AB 的尺寸不匹配（2×3 乘 2×2）',
    },
  },
  opLabel: '运算',
  ops: { solve: '解 AX = B', inverse: '求 A⁻¹', det: 'det A', add: 'A + B', subtract: 'A − B', multiply: 'AB' },
  editor: {
    caption: '矩阵 {name}（{rows}×{cols}）',
    rows: '{name} 的行数',
    cols: '{name} 的列数',
    cell: '{name} 的第 {i} 行第 {j} 列',
    fillLabel: '把 {name} 填成：',
    random: '随机整数（种子 {seed}）',
    identity: '单位矩阵',
    singular: '奇异矩阵',
    hilbert: 'Hilbert 矩阵（整数化）',
    squareNote: '单位、奇异和 Hilbert 矩阵都是方阵：用 {name} 的行数 {n} 作阶数。',
    paste: '以文本粘贴 {name}',
    pasteHint: '一行写矩阵的一行，元素用空格、制表符或逗号分开；也可以写成 1 2; 3 4 或 [[1, 2], [3, 4]]，分数如 1/3 也可以。',
    pasteApply: '读入到 {name}',
    pasteDone: '已读入 {rows}×{cols} 的矩阵 {name}。',
    cellNotNumber: '“{text}”不是数（可以写 2、-0.5、1e-3 或 1/3）',
    cellOutOfRange: '绝对值不能超过 10⁹',
    bHidden: '这个运算只用到 A。',
  },
  parse: {
    empty: '没有读到任何数。',
    notNumber: '第 {row} 行的第 {col} 个元素“{text}”不是数。',
    ragged: '第 {row} 行有 {col} 个数，而第 1 行有 {expected} 个：每行的个数必须相同。',
    tooLarge: '读到的是 {row}×{col}，这里最大只能是 {max}×{max}。',
    outOfRange: '有元素的绝对值超过了 10⁹。',
  },
  issues: {
    count: '链接里的 {name} 有 {got} 个元素，而 {rows}×{cols} 需要 {need} 个：缺的按 0 补上，多余的略去。',
    tooLong: '矩阵 {name} 写进链接需要 {length} 个字符，超过上限 {max}：复制的链接里不会带上它。',
  },
  digits: '显示的有效数字',
  digitsOption: '{n} 位',
  result: {
    title: '结果',
    pickEntry: '点结果中的任一元素，看它是怎样算出来的：',
    entryLabel: '第 {i} 行第 {j} 列：{value}',
    mismatchSame: '{op} 要求两个矩阵形状相同：A 是 {ar}×{ac}，B 是 {br}×{bc}。B 也应当是 {ar}×{ac}。',
    mismatchInner: 'AB 要求 A 的列数等于 B 的行数：A 是 {ar}×{ac}，B 是 {br}×{bc}，而 {ac} ≠ {br}。要么 B 有 {ac} 行（结果是 {ar}×{bc}），要么 A 有 {br} 列。',
    fixB: '把 B 改成 {rows}×{cols}',
    fixBRows: '让 B 有 {rows} 行',
    fixACols: '让 A 有 {cols} 列',
    overflow: '结果超出了双精度浮点数的范围（第 {row} 行第 {col} 列溢出）：请换用小一些的数。',
    overflowLu: '消元过程中数值溢出，超出了双精度浮点数的范围：请换用小一些的数。',
    notSquare: '{what}要求 A 是方阵，而 A 现在是 {rows}×{cols}。',
    notSquareWhat: { det: '行列式', inverse: '逆矩阵', solve: '用 LU 分解解 AX = B ' },
    solveShape: 'AX = B 中 B 的行数必须等于 A 的阶数 {n}，而 B 有 {rows} 行。',
    singular:
      '消元到第 {k} 列时，主元的绝对值 {pivot} 不超过容差 n·ε·‖A‖₁ = {tol}：A 是奇异矩阵，det A = 0，A⁻¹ 不存在。AX = B 要么无解，要么有无穷多解，没有哪种“矩阵除法”能给出唯一的 X。',
    singularDet: '第 {k} 个主元在舍入误差范围内为 0：det A 实际上是 0，算出的 {value} 只是舍入噪声。',
    detRule: '行列式等于 (−1)^s 乘以 U 的对角元（主元）之积，s 是行交换的次数（这里 s = {swaps}）。',
    solveNote: 'X 是解出来的，不是“B 除以 A”：先把 A 分解成 PA = LU，再对 B 的每一列做一次前代（Ly = Pb）和一次回代（Ux = y）。只有 B = I 时，解出的 X 才是 A⁻¹。',
    inverseNote: 'A⁻¹ 就是 AX = I 的解：同一个 LU 分解，对 I 的 {n} 列各解一次。要解 AX = B 时应直接解，不必先求 A⁻¹ 再相乘。',
    residual: '相对残差',
    errorBound: '解的相对误差大致可能达到 cond₁(A) · ε ≈ {bound}（ε ≈ 2.2 × 10⁻¹⁶）。残差小并不保证解准确。',
    exactOnes: '这个 B 是 A 的各行之和，所以精确解全是 1；与 1 相差最多的分量差了 {error}。',
  },
  condition: {
    well: '良态，结果可以放心使用。',
    moderate: '病态：输入中的相对误差最多可被放大约 {cond} 倍，大约损失 {lost} 位有效数字（双精度一共约 16 位）。',
    severe: '超过 10¹²，严重病态：解大约只剩 {left} 位可信数字。',
    singular: '以双精度衡量，A 与奇异矩阵无法区分：cond₁(A) 的估计值约为 {cond}。',
    singularUnknown: 'A 有恰好为 0 的主元，cond₁(A) 为无穷大。',
  },
  steps: {
    title: '回放 LU 分解（部分主元）',
    counter: '第 {index} 步，共 {total} 步',
    first: '回到开头',
    prev: '上一步',
    next: '下一步',
    play: '播放',
    pause: '暂停',
    last: '跳到最后',
    reducedMotion: '已按系统设置减少动态效果：请用“下一步”逐步查看。',
    none: 'A 已经是上三角矩阵，不需要换行或消元。',
    initial: '初始矩阵 A。每一列先在对角线及其下方找绝对值最大的元素做主元（部分主元），再用它消去下方的元素。',
    initialSolve: '增广矩阵 [A | B]。每一列先在对角线及其下方找绝对值最大的元素做主元（部分主元），再用它消去下方的元素；B 随着一起变换。',
    swap: '第 {k} 列中，对角线及其下方绝对值最大的元素在第 {p} 行（{value}）：交换第 {k} 行与第 {p} 行，让它做主元。',
    eliminate: '用第 {k} 行消去第 {i} 行第 {k} 列的元素：',
    done: '消元完成：左边已是上三角矩阵 U，且 PA = LU。',
    doneSolve: '消元完成，PA = LU：左边是上三角矩阵 U，右边是 y = L⁻¹PB。接下来从最后一行往上回代 Ux = y，就得到上面的 X。',
    pivot: '主元',
    changed: '这一步改变的行',
    tableLabel: '第 {index} 步之后的矩阵',
    rhs: '右端 B',
  },
  fallback: '默认示例是本节正文中的方程组 2x₁ + x₂ = 3、x₁ + 3x₂ = 5：用 LU 分解解得 x = ({x1}, {x2})，cond₁(A) = {cond}。',
};

export const matrixStrings: Record<Locale, MatrixStrings> = { 'zh-CN': zhCN };
