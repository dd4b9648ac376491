// DOT → SVG in-process with Graphviz compiled to WebAssembly, so `leakhound graph` needs no
// system Graphviz.
import { Graphviz } from '@hpcc-js/wasm-graphviz';

export async function renderSvg(dot: string): Promise<string> {
  const gv = await Graphviz.load();
  return gv.dot(dot, 'svg');
}
