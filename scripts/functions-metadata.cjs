// functions.json as published: what custom-functions-metadata generates, with one setting changed.
//
// The generator always writes `allowCustomDataForDataTypeAny: true`, which lets Excel pass data types
// (entities, formatted numbers) to every `any` parameter ("Use data types with custom functions in Excel",
// Microsoft Learn). The FUNNEL functions do not handle data types: they read numbers, text, booleans and
// blanks, and their cache fingerprint (src/functions/range-cache.ts) hashes every object alike, so two
// different entity cells would share a cached answer. Turned off, Excel passes such cells as their plain
// values instead.

/** The metadata JSON text as the add-in publishes it. */
function publishedMetadata(json) {
  const metadata = JSON.parse(json);
  metadata.allowCustomDataForDataTypeAny = false;
  return JSON.stringify(metadata, null, 4);
}

module.exports = { publishedMetadata };
