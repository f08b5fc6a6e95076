// The one manifest source uses the dev server's URL; the production build swaps in the hosting URL.
const DEV_URL = 'https://localhost:3000/';
const DEFAULT_PRODUCTION_URL = 'https://funnel-reporter.example.com/';

/** Replaces every dev URL (with or without the trailing slash) by the production URL. */
function productionManifest(xml, productionUrl = process.env.ADDIN_PRODUCTION_URL || DEFAULT_PRODUCTION_URL) {
  const base = productionUrl.endsWith('/') ? productionUrl : `${productionUrl}/`;
  if (!/^https:\/\//.test(base)) throw new Error(`ADDIN_PRODUCTION_URL must be https, got ${productionUrl}`);
  return xml.split(DEV_URL).join(base).split(DEV_URL.slice(0, -1)).join(base.slice(0, -1));
}

module.exports = { DEV_URL, DEFAULT_PRODUCTION_URL, productionManifest };
