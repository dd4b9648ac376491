// The one thing a hunt needs from a browser driver: a CDP session attached to the page.
// Puppeteer's `page.createCDPSession()` and Playwright's `context.newCDPSession(page)` both
// fit this shape, so the hunt, the heap session and the CDP helpers depend on it rather
// than on either driver's Page.

/* eslint-disable @typescript-eslint/no-explicit-any -- protocol payloads are typed per method by the drivers */

export interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<any>;
  on(event: string, listener: (params: any) => void): unknown;
  off(event: string, listener: (params: any) => void): unknown;
  detach(): Promise<void>;
}
