import { classifyMessage } from './stack-frames';

function kinds(message: string): string[] {
  return classifyMessage(message).map((line) => `${line.kind}: ${line.text.trim()}`);
}

describe('classifyMessage', () => {
  it('keeps a one-line message as text', () => {
    expect(classifyMessage('order 42 placed')).toEqual([{ text: 'order 42 placed', kind: 'text' }]);
  });

  it('picks the first Java application frame and dims platform and later frames', () => {
    const trace = [
      'java.lang.IllegalStateException: no stock',
      '\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)',
      '\tat com.acme.shop.Orders.place(Orders.java:12)',
      '\tat com.acme.shop.Api.post(Api.java:40)',
      '\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:764)',
    ].join('\n');
    expect(kinds(trace)).toEqual([
      'text: java.lang.IllegalStateException: no stock',
      'frame: at java.base/java.util.Objects.requireNonNull(Objects.java:233)',
      'app-frame: at com.acme.shop.Orders.place(Orders.java:12)',
      'frame: at com.acme.shop.Api.post(Api.java:40)',
      'frame: at javax.servlet.http.HttpServlet.service(HttpServlet.java:764)',
    ]);
  });

  it('recognises .NET frames with "in …:line N" and dims System and Microsoft ones', () => {
    const trace = [
      'System.InvalidOperationException: Sequence contains no elements',
      '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
      '   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute()',
      '   at Acme.Shop.Orders.Place(Int32 id) in /src/Shop/Orders.cs:line 12',
    ].join('\r\n');
    expect(classifyMessage(trace).map((line) => line.kind)).toEqual([
      'text',
      'frame',
      'frame',
      'app-frame',
    ]);
  });

  it('recognises Python frames with their source lines and dims site-packages', () => {
    const trace = [
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3.12/site-packages/flask/app.py", line 880, in full_dispatch_request',
      '    rv = self.dispatch_request()',
      '  File "/srv/shop/orders.py", line 12, in place',
      '    raise ValueError("no stock")',
      'ValueError: no stock',
    ].join('\n');
    expect(classifyMessage(trace).map((line) => line.kind)).toEqual([
      'text',
      'frame',
      'frame',
      'app-frame',
      'app-frame',
      'text',
    ]);
  });

  it('recognises Go frames as function and location lines and dims the runtime', () => {
    const trace = [
      'panic: runtime error: index out of range [3] with length 3',
      '',
      'goroutine 1 [running]:',
      'runtime.gopanic({0x4a5b20, 0xc000012345})',
      '\t/usr/local/go/src/runtime/panic.go:914 +0x21f',
      'main.place(...)',
      '\t/home/dev/shop/orders.go:12 +0x1d',
      'main.main()',
      '\t/home/dev/shop/main.go:8 +0x25',
    ].join('\n');
    expect(classifyMessage(trace).map((line) => line.kind)).toEqual([
      'text',
      'text',
      'text',
      'frame',
      'frame',
      'app-frame',
      'app-frame',
      'frame',
      'frame',
    ]);
  });

  it('recognises Node frames and dims node_modules and node internals', () => {
    const trace = [
      'TypeError: Cannot read properties of undefined (reading "id")',
      '    at Layer.handle (/srv/shop/node_modules/express/lib/router/layer.js:95:5)',
      '    at placeOrder (/srv/shop/src/orders.js:12:19)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    expect(classifyMessage(trace).map((line) => line.kind)).toEqual([
      'text',
      'frame',
      'app-frame',
      'frame',
    ]);
  });

  it('dims every frame when none is application code', () => {
    const trace =
      'Error: boom\n    at node:internal/main:1:1\n    at /app/node_modules/x/index.js:2:3';
    expect(classifyMessage(trace).map((line) => line.kind)).toEqual(['text', 'frame', 'frame']);
  });

  it('ignores a trailing line break', () => {
    expect(classifyMessage('first\nsecond\n')).toHaveLength(2);
  });
});
