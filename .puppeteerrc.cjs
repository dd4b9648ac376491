// The network is closed on CI and on many developer machines: never download a browser at
// install time. leakhound finds an installed Chrome/Chromium at run time (lib/browser/find-browser.ts).
module.exports = { skipDownload: true };
