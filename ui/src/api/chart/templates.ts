// Commands of the chart's templates area (see src-tauri/src/commands).
import { call } from '../call';

export const templatesApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
