import { html, nothing, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import type { MlpParams } from '../../../src/lib/ml/mlp';
import type { StepModel } from './model';
import type { BackpropStrings } from './strings';
import { layerCard, short, updateTable } from './figures';
import { deltaTex, forwardTex, handoffTex, lossTex, texNumber, updateTex } from './tex-steps';

/** The current stage of step mode in words and formulas with the reader's numbers. */
export function stagePanel(m: StepModel, params: MlpParams, s: BackpropStrings): TemplateResult {
  const st = m.stage;
  const L = params.layers.length;
  const t = s.step.titles;
  const p = s.step.text;
  let title = '';
  let text = '';
  let formula = '';
  let extra: TemplateResult | typeof nothing = nothing;
  switch (st.kind) {
    case 'sample':
      title = t.sample;
      text = format(p.sample, { n: m.sample, x1: short(m.input[0] ?? 0, 3), x2: short(m.input[1] ?? 0, 3), y: m.label });
      formula = `\\mathbf{x} = (x_1, x_2) = (${texNumber(m.input[0] ?? 0)},\\ ${texNumber(m.input[1] ?? 0)}),\\qquad y = ${m.label}`;
      break;
    case 'forward': {
      const output = st.layer === L;
      title = output ? format(t.forwardOutput, { layer: st.layer }) : format(t.forward, { layer: st.layer, neuron: st.neuron + 1 });
      text = output ? p.forwardOutput : format(p.forward, { layer: st.layer });
      formula = forwardTex(m, params, st.layer, st.neuron);
      break;
    }
    case 'loss':
      title = t.loss;
      text = p.loss;
      formula = lossTex(m);
      break;
    case 'delta': {
      const output = st.layer === L;
      title = output ? t.deltaOutput : format(t.delta, { layer: st.layer, neuron: st.neuron + 1 });
      text = output ? p.deltaOutput : format(p.delta, { next: st.layer + 1 });
      formula = deltaTex(m, params.activation, st.layer, st.neuron);
      extra = layerCard(m, L, s);
      break;
    }
    case 'handoff':
      title = st.layer === 1 ? t.handoffInput : format(t.handoff, { layer: st.layer, prev: st.layer - 1 });
      text = st.layer === 1 ? p.handoffInput : format(p.handoff, { layer: st.layer, prev: st.layer - 1 });
      formula = handoffTex(m, params, st.layer);
      extra = layerCard(m, L, s);
      break;
    case 'update': {
      title = t.update;
      const before = m.result.loss;
      const after = m.update.lossAfter;
      const effect = Number.isFinite(after)
        ? format(after <= before ? p.better : p.worse, {
            before: short(before, 3),
            after: short(after, 3),
            pBefore: short(m.result.forward.probability, 3),
            pAfter: short(m.update.probabilityAfter, 3),
            lr: m.lr,
          })
        : '';
      const others = params.layers.slice(0, -1).reduce((sum, layer) => sum + layer.weights.length * ((layer.weights[0]?.length ?? 0) + 1), 0);
      text = `${p.update}${effect}${others ? format(p.more, { count: others }) : ''}`;
      formula = updateTex(m, params);
      extra = updateTable(m, params, s);
      break;
    }
  }
  return html`<section class="bp-stage" data-stage-kind=${st.kind}>
    <div aria-live="polite">
      <h4 class="bp-stage__title">${title}</h4>
      <p class="bp-stage__text">${text}</p>
    </div>
    ${extra !== nothing && st.kind !== 'update' ? extra : nothing}
    <div class="bp-formula" data-scroll-x>${tex(formula, true)}</div>
    ${st.kind === 'update' ? extra : nothing}
  </section>`;
}
