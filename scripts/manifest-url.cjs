// The one manifest source uses the dev server's URL; the production build swaps in the hosting URL.
const DEV_URL = 'https://localhost:3000/';
const DEFAULT_PRODUCTION_URL = 'https://funnel-reporter.example.com/';
/**
 * The production add-in's own <Id>, fixed for good: Office keys an add-in by
 * its Id, so the sideloaded dev build and the deployed one would otherwise
 * replace each other (and their settings and cache) on the same machine.
 */
const PRODUCTION_ID = '9005b07b-bcae-46ac-855e-9b6e4ad7871c';

/** Replaces every dev URL (with or without the trailing slash) by the production URL. */
function productionManifest(xml, productionUrl = process.env.ADDIN_PRODUCTION_URL || DEFAULT_PRODUCTION_URL) {
  const base = productionUrl.endsWith('/') ? productionUrl : `${productionUrl}/`;
  if (!/^https:\/\//.test(base)) throw new Error(`ADDIN_PRODUCTION_URL must be https, got ${productionUrl}`);
  if (!/<Id>[^<]+<\/Id>/.test(xml)) throw new Error('The manifest has no <Id> to replace.');
  const withId = xml.replace(/<Id>[^<]+<\/Id>/, `<Id>${PRODUCTION_ID}</Id>`);
  return withId.split(DEV_URL).join(base).split(DEV_URL.slice(0, -1)).join(base.slice(0, -1));
}

module.exports = { DEV_URL, DEFAULT_PRODUCTION_URL, PRODUCTION_ID, productionManifest };
