import { messageLines } from '../shared/message-lines';

/**
 * - `text`: not part of a stack trace;
 * - `frame`: a stack frame to dim (a library's, or an application frame after the first);
 * - `app-frame`: the first frame in application code, the one worth reading first.
 */
export type MessageLineKind = 'text' | 'frame' | 'app-frame';

export interface MessageLine {
  text: string;
  kind: MessageLineKind;
}

/**
 * Frame lines, by runtime:
 * - Java, Kotlin, .NET and Node all start a frame with `at `:
 *   `at com.acme.Orders.place(Orders.java:12)`, `at Acme.Orders.Place() in /src/Orders.cs:line 12`,
 *   `at placeOrder (/srv/app/orders.js:12:5)`;
 * - Python: `File "/srv/app/orders.py", line 12, in place` (the indented source line after it
 *   belongs to the same frame);
 * - Go: a tab-indented `/path/file.go:12 +0x1d` (the function line above it belongs to the same
 *   frame); the `goroutine 1 [running]:` header is text.
 */
const AT_FRAME = /^\s*at\s+\S/;
const PYTHON_FRAME = /^\s*File\s+"[^"]*",\s+line\s+\d+/;
const GO_LOCATION = /^\s+\S*\.go:\d+/;

/**
 * A frame is a library's when its location or qualified name says so: a package folder
 * (`node_modules`, `site-packages`, `dist-packages`), a system path (`/usr/lib`, `/usr/local/lib`,
 * the Go root), a runtime's own code (`node:internal`, Python's `<frozen …>`, Go's `runtime/` and
 * `runtime.`), or a platform namespace (`java.`, `javax.`, `jdk.`, `sun.`, `com.sun.`, `kotlin.`,
 * `scala.`, `System.`, `Microsoft.`). Everything else is application code.
 */
const LIBRARY = new RegExp(
  [
    String.raw`node_modules`,
    String.raw`site-packages`,
    String.raw`dist-packages`,
    String.raw`/usr/lib/`,
    String.raw`/usr/local/lib/`,
    String.raw`/usr/local/go/`,
    String.raw`/go/src/runtime/`,
    String.raw`\bnode:`,
    String.raw`\(internal/`,
    String.raw`<frozen `,
    String.raw`^\s*runtime[./]`,
    String.raw`^\s*at\s+(?:async\s+)?(?:new\s+)?(?:java|javax|jdk|sun|com\.sun|kotlin|scala|System|Microsoft)\.`,
  ].join('|'),
);

/** The message line by line, each marked as text or a stack frame (see the rules above). */
export function classifyMessage(message: string): MessageLine[] {
  const lines = messageLines(message);
  // Each line's frame: the index of the line that decides whether the frame is a library's.
  const frameOf: (number | null)[] = lines.map(() => null);
  lines.forEach((line, index) => {
    if (AT_FRAME.test(line) || PYTHON_FRAME.test(line)) {
      frameOf[index] = index;
      const next = lines[index + 1];
      const source = PYTHON_FRAME.test(line) && next !== undefined;
      if (source && indent(next) > indent(line) && !PYTHON_FRAME.test(next)) {
        frameOf[index + 1] = index;
      }
    } else if (GO_LOCATION.test(line)) {
      frameOf[index] = index;
      if (index > 0 && frameOf[index - 1] === null && !/^goroutine\s/.test(lines[index - 1])) {
        frameOf[index - 1] = index;
      }
    }
  });
  const application = frameOf.find((owner) => owner !== null && !isLibrary(lines, owner));
  return lines.map((text, index) => {
    const owner = frameOf[index];
    if (owner === null) return { text, kind: 'text' };
    return { text, kind: owner === application ? 'app-frame' : 'frame' };
  });
}

function isLibrary(lines: readonly string[], owner: number): boolean {
  // A Go frame is named on the function line above its location: `runtime.gopanic(...)`.
  const named = GO_LOCATION.test(lines[owner]) && owner > 0 ? lines[owner - 1] : '';
  return LIBRARY.test(lines[owner]) || (named !== '' && LIBRARY.test(named));
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}
