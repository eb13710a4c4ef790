// Commands of the chart's vitals area (see src-tauri/src/commands).
import { call } from '../call';

export const vitalsApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
