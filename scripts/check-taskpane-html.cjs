// Checks a task pane page: office.js is loaded in <head>, without async or defer, before every other script
// (the bundles call CustomFunctions.associate and Office.onReady as soon as they run). The e2e suite runs it on
// dist/taskpane.html after `npm run build`; test/manifest.test.ts on the template as the build injects into it.

const OFFICE_JS = /appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/;

/** The problems found in a task pane page's html; empty when it loads office.js as it must. */
function taskpaneHtmlProblems(html) {
  const problems = [];
  const headEnd = html.search(/<\/head>/i);
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => ({ at: m.index, attrs: m[1] }));
  const office = scripts.findIndex((s) => OFFICE_JS.test(s.attrs));
  if (office < 0) return ['no <script> loads office.js from appsforoffice.microsoft.com'];
  const tag = scripts[office];
  if (headEnd < 0 || tag.at > headEnd) problems.push('office.js is not loaded in <head>');
  if (/\basync\b/i.test(tag.attrs)) problems.push('office.js is loaded with async');
  if (/\bdefer\b/i.test(tag.attrs)) problems.push('office.js is loaded with defer');
  if (/type\s*=\s*["']?module/i.test(tag.attrs)) problems.push('office.js is loaded as a module (deferred)');
  if (office > 0) problems.push(`${office} script(s) come before office.js`);
  if (scripts.length < 2) problems.push('no bundle is loaded after office.js');
  return problems;
}

module.exports = { taskpaneHtmlProblems };
