// How a heap edge reads in a chain or a graph, in the notation a JS author writes:
// `.store`, `[3]`, `["my key"]`. Edges that are not properties say what they are.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Label for an edge of V8 type `type` named `name` (the element index for element/hidden edges). */
export function edgeLabel(type: string, name: string): string {
  switch (type) {
    case 'element':
      return `[${name}]`;
    case 'property':
      return propertyAccess(name);
    case 'context':
      // A variable a closure captured; there is no JS syntax for reaching it from outside.
      return `${propertyAccess(name)} (closure variable)`;
    case 'internal':
      return `${propertyAccess(name)} (internal)`;
    case 'hidden':
      return `(hidden ${name})`;
    case 'shortcut':
      return `${propertyAccess(name)} (shortcut)`;
    case 'weak':
      return `${propertyAccess(name)} (weak)`;
    default:
      return `${propertyAccess(name)} (${type})`;
  }
}

function propertyAccess(name: string): string {
  if (IDENTIFIER.test(name)) return `.${name}`;
  if (/^\d+$/.test(name)) return `[${name}]`;
  return `[${JSON.stringify(name)}]`;
}
