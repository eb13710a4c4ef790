// Commands of the chart's problems area (see src-tauri/src/commands).
import { call } from '../call';

export const problemsApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
