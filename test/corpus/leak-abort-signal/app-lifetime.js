// Aborted when the user signs out; long-running work hooks its cleanup onto this signal.
const sessionController = new AbortController();

export const sessionSignal = sessionController.signal;

export function signOut() {
  sessionController.abort(new DOMException('Signed out', 'AbortError'));
}
