// functions.json as published: what custom-functions-metadata generates, with one setting changed.
//
// The generator always writes `allowCustomDataForDataTypeAny: true`, which lets Excel pass data types
// (entities, formatted numbers) to every `any` parameter ("Use data types with custom functions in Excel",
// Microsoft Learn). The FUNNEL functions do not handle data types: they read numbers, text, booleans and
// blanks, and their cache fingerprint (src/functions/range-cache.ts) hashes every object alike, so two
// different entity cells would share a cached answer. Turned off, Excel passes such cells as their plain
// values instead.
//
// A description wrapped over several JSDoc lines (the source keeps lines under 160 characters) is one
// line of text in Excel's function help: the generator keeps the line breaks, so they are joined here.

/** The metadata JSON text as the add-in publishes it. */
function publishedMetadata(json) {
  const metadata = JSON.parse(json);
  metadata.allowCustomDataForDataTypeAny = false;
  return JSON.stringify(joinDescriptionLines(metadata), null, 4);
}

/** Every `description` in the metadata with its line breaks (and the indentation after them) made single spaces. */
function joinDescriptionLines(node) {
  if (Array.isArray(node)) return node.map(joinDescriptionLines);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'description' && typeof value === 'string' ? value.replace(/\s*\n\s*/g, ' ') : joinDescriptionLines(value),
    ]),
  );
}

module.exports = { publishedMetadata };
