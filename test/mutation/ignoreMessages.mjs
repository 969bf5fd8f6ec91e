// @ts-check
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/**
 * A StrykerJS ignorer (stryker.config.mjs `ignorers`): leaves the words people read
 * unmutated — a problem's title and detail, a field error's reason, an error's message.
 * Emptying one changes no decision: the unit tests assert the problem's type and status
 * and the field it names, which are still mutated. Without this about a fifth of the
 * mutants would be sentences, and every run would spend its time on them.
 */

/** Calls whose string arguments are text for people (functions/core/problems and its wrappers). */
const TEXT_CALLS = new Set(['forbidden', 'unauthorized', 'tooMany', 'csrfFailed', 'notFoundIn', 'Problem', 'Error']);
/** Object properties that hold text for people. */
const TEXT_PROPERTIES = new Set(['reason', 'detail', 'title', 'message']);

const isText = (node) => node.type === 'StringLiteral' || node.type === 'TemplateLiteral';

const calleeName = (callee) =>
  callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'message-text', {
    /** @param {any} path a Babel NodePath */
    shouldIgnore(path) {
      const { node, parent } = path;
      if (!isText(node) || !parent) return undefined;
      if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments.includes(node) && TEXT_CALLS.has(calleeName(parent.callee)))
        return 'Text for people (a problem or error message): see docs/mutation-testing.md';
      if (parent.type === 'ObjectProperty' && parent.value === node && !parent.computed && TEXT_PROPERTIES.has(parent.key.name ?? parent.key.value))
        return 'Text for people (a reason, detail, title or message): see docs/mutation-testing.md';
      return undefined;
    },
  }),
];
