// Commands of the chart's summary area (see src-tauri/src/commands).
import { call } from '../call';

export const chartApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
