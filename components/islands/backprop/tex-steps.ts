import type { Activation, MlpParams } from '../../../src/lib/ml/mlp';
import type { NeuronStep } from '../../../src/lib/ml/mlp-backward';
import type { StepModel } from './model';

/**
 * The formulas of step mode as TeX, with the reader's numbers substituted. Every number
 * comes from the engine's records (forward trace, chain-rule factors, gradients); these
 * functions only format them.
 */

/** A number for TeX: three decimals, or a power of ten when that would hide it. */
export function texNumber(v: number): string {
  if (!Number.isFinite(v)) return '\\text{—}';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 0.0005 || abs >= 1e5) {
    const [mantissa = '0', exponent = '0'] = v.toExponential(2).split('e');
    return `${mantissa}\\times10^{${Number(exponent)}}`;
  }
  return v.toFixed(3);
}

/** A factor in a product: negative numbers and powers of ten in parentheses. */
const factor = (v: number): string => {
  const text = texNumber(v);
  return v < 0 || text.includes('times') ? `(${text})` : text;
};

const plus = (v: number): string => (v < 0 ? `- ${texNumber(-v)}` : `+ ${texNumber(v)}`);

/** a⁽ˡ⁾_j with a⁽⁰⁾ = x. Indices shown from 1. */
const act = (layer: number, j: number): string => (layer === 0 ? `x_{${j + 1}}` : `a^{(${layer})}_{${j + 1}}`);
const weight = (layer: number, i: number, j: number): string => `w^{(${layer})}_{${i + 1}${j + 1}}`;
const partial = (of: string): string => `\\frac{\\partial L}{\\partial ${of}}`;

/** Products `w·a` summed, three to a line so a phone shows them without much scrolling. */
function sumLines(products: readonly (readonly [number, number])[], tail = ''): string[] {
  const terms = products.map(([w, a], k) => `${k === 0 ? '' : '+ '}${factor(w)}\\cdot${factor(a)}`);
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += 3) lines.push(terms.slice(k, k + 3).join(' '));
  if (tail) {
    if (lines.length === 0) lines.push(tail.replace(/^[+] /, ''));
    else lines[lines.length - 1] += ` ${tail}`;
  }
  return lines;
}

/** Rows with a little air between them: fractions stacked on fractions read badly. */
const aligned = (rows: readonly string[]): string => `\\begin{aligned}${rows.join('\\\\[3pt]')}\\end{aligned}`;

function activationRow(kind: Activation, layer: number, neuron: number, z: number, a: number): string {
  const lhs = act(layer, neuron);
  const zs = `z^{(${layer})}_{${neuron + 1}}`;
  if (kind === 'tanh') return `${lhs} &= \\tanh(${zs}) = \\tanh(${texNumber(z)}) = ${texNumber(a)}`;
  if (kind === 'relu') return `${lhs} &= \\max(0,\\, ${zs}) = \\max(0,\\, ${texNumber(z)}) = ${texNumber(a)}`;
  return `${lhs} &= \\sigma(${zs}) = \\frac{1}{1 + e^{-${factor(z)}}} = ${texNumber(a)}`;
}

export function forwardTex(m: StepModel, params: MlpParams, layer: number, neuron: number): string {
  const trace = m.result.forward;
  const dense = params.layers[layer - 1];
  const here = trace.layers[layer - 1];
  if (!dense || !here) return '';
  const inputs = layer === 1 ? trace.input : (trace.layers[layer - 2]?.a ?? []);
  const row = dense.weights[neuron] ?? [];
  const z = here.z[neuron] ?? 0;
  const a = here.a[neuron] ?? 0;
  const zs = `z^{(${layer})}_{${neuron + 1}}`;
  const general = `${zs} &= \\textstyle\\sum_j w^{(${layer})}_{${neuron + 1}j}\\,${layer === 1 ? 'x_j' : `a^{(${layer - 1})}_j`} + b^{(${layer})}_{${neuron + 1}}`;
  const filled = sumLines(row.map((w, j) => [w, inputs[j] ?? 0] as const), plus(dense.biases[neuron] ?? 0)).map((line) => `&\\quad ${line}`);
  filled[0] = (filled[0] ?? '').replace('&\\quad ', '&= ');
  const isOutput = layer === params.layers.length;
  const last = isOutput
    ? `p &= \\sigma(${zs}) = \\frac{1}{1 + e^{-${factor(z)}}} = ${texNumber(a)}`
    : activationRow(params.activation, layer, neuron, z, a);
  return aligned([general, ...filled, `&= ${texNumber(z)}`, last]);
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function lossTex(m: StepModel): string {
  const { logit } = m.result.forward;
  const general = `L &= -\\big[\\,y \\ln p + (1 - y) \\ln(1 - p)\\,\\big]`;
  // 1 − p as σ(−z): exact even when p rounds to 1.
  const filled = m.label === 1 ? `&= -\\ln p = -\\ln ${texNumber(sigmoid(logit))}` : `&= -\\ln(1 - p) = -\\ln ${texNumber(sigmoid(-logit))}`;
  return aligned([`${general}\\quad (y = ${m.label})`, filled, `&= ${texNumber(m.result.loss)}`]);
}

function weightRows(step: NeuronStep, layer: number, single: boolean): string[] {
  const i = step.neuron;
  const delta = `\\delta^{(${layer})}${single ? '' : `_{${i + 1}}`}`;
  return [
    ...step.weights.map((w) => `${partial(weight(layer, i, w.from))} &= ${delta}\\,${act(layer - 1, w.from)} = ${factor(step.delta)}\\cdot${factor(w.input)} = ${texNumber(w.gradient)}`),
    `${partial(`b^{(${layer})}_{${i + 1}}`)} &= ${delta} = ${texNumber(step.biasGradient)}`,
  ];
}

/** δ of one neuron (its chain-rule factors) and the gradients of its incoming weights and bias. */
export function deltaTex(m: StepModel, activation: Activation, layer: number, neuron: number): string {
  const stepOfLayer = m.result.steps.find((st) => st.layer === layer);
  const step = stepOfLayer?.neurons[neuron];
  if (!step) return '';
  const rows: string[] = [];
  if (step.source.kind === 'output') {
    const p = step.source.probability;
    const { logit } = m.result.forward;
    const q = sigmoid(-logit);
    const dLdp = m.label === 1 ? -1 / p : 1 / q;
    rows.push(
      `${partial('p')} &= -\\frac{y}{p} + \\frac{1 - y}{1 - p} = ${m.label === 1 ? `-\\frac{1}{${texNumber(p)}}` : `\\frac{1}{${texNumber(q)}}`} = ${texNumber(dLdp)}`,
      `\\sigma'(z^{(${layer})}) &= p\\,(1 - p) = ${texNumber(p)}\\cdot${texNumber(q)} = ${texNumber(p * q)}`,
      `\\delta^{(${layer})} &= ${partial('p')}\\,\\sigma'(z^{(${layer})}) = ${factor(dLdp)}\\cdot${factor(p * q)}`,
      `&= p - y = ${texNumber(p)} - ${m.label} = ${texNumber(step.delta)}`,
    );
    return aligned([...rows, ...weightRows(step, layer, true)]);
  }
  const { terms, upstream, slope } = step.source;
  const a = step.a;
  const dA = partial(act(layer, neuron));
  const sum = sumLines(terms.map((t) => [t.weight, t.delta] as const)).map((line, k) => `&${k === 0 ? '=' : '\\quad'} ${line}`);
  rows.push(`${dA} &= \\textstyle\\sum_k w^{(${layer + 1})}_{k${neuron + 1}}\\,\\delta^{(${layer + 1})}_k`, ...sum, `&= ${texNumber(upstream)}`);
  const zs = `z^{(${layer})}_{${neuron + 1}}`;
  if (activation === 'tanh') rows.push(`\\sigma'(${zs}) &= 1 - \\big(${act(layer, neuron)}\\big)^2 = 1 - ${factor(a)}^2 = ${texNumber(slope)}`);
  else if (activation === 'sigmoid') rows.push(`\\sigma'(${zs}) &= ${act(layer, neuron)}\\,\\big(1 - ${act(layer, neuron)}\\big) = ${texNumber(a)}\\cdot${texNumber(1 - a)} = ${texNumber(slope)}`);
  else rows.push(`\\sigma'(${zs}) &= ${slope}\\quad (${zs} = ${texNumber(step.z)} ${step.z > 0 ? '> 0' : '\\le 0'})`);
  rows.push(`\\delta^{(${layer})}_{${neuron + 1}} &= ${dA}\\,\\sigma'(${zs}) = ${factor(upstream)}\\cdot${factor(slope)} = ${texNumber(step.delta)}`);
  return aligned([...rows, ...weightRows(step, layer, false)]);
}

/** ∂L/∂a⁽ˡ⁻¹⁾_j = Σ_i w_ij δ_i for every j: what layer l hands to the layer before. */
export function handoffTex(m: StepModel, params: MlpParams, layer: number): string {
  const step = m.result.steps.find((st) => st.layer === layer);
  const dense = params.layers[layer - 1];
  if (!step || !dense) return '';
  const rows = [`${partial(layer === 1 ? 'x_j' : `a^{(${layer - 1})}_j`)} &= \\textstyle\\sum_i w^{(${layer})}_{ij}\\,\\delta^{(${layer})}_i`];
  step.inputGradient.forEach((g, j) => {
    const lines = sumLines(step.neurons.map((n) => [dense.weights[n.neuron]?.[j] ?? 0, n.delta] as const));
    rows.push(`${partial(act(layer - 1, j))} &= ${lines.join('\\\\&\\quad ')} = ${texNumber(g)}`);
  });
  return aligned(rows);
}

/** The update of the output layer's parameters, as the worked lines of θ ← θ − η ∂L/∂θ. */
export function updateTex(m: StepModel, params: MlpParams): string {
  const L = params.layers.length;
  const dense = params.layers[L - 1];
  const grad = m.result.gradients[L - 1];
  const next = m.update.params.layers[L - 1];
  if (!dense || !grad || !next) return '';
  const eta = String(Number(m.lr.toPrecision(4)));
  const rows = [`\\theta &\\leftarrow \\theta - \\eta\\,${partial('\\theta')},\\qquad \\eta = ${eta}`];
  (dense.weights[0] ?? []).forEach((w, j) => {
    const g = grad.weights[0]?.[j] ?? 0;
    rows.push(`${weight(L, 0, j)} &\\leftarrow ${texNumber(w)} - ${eta}\\cdot${factor(g)} = ${texNumber(next.weights[0]?.[j] ?? 0)}`);
  });
  rows.push(`b^{(${L})}_{1} &\\leftarrow ${texNumber(dense.biases[0] ?? 0)} - ${eta}\\cdot${factor(grad.biases[0] ?? 0)} = ${texNumber(next.biases[0] ?? 0)}`);
  return aligned(rows);
}
