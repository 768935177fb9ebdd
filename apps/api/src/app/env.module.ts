import { Global, Module } from '@nestjs/common';
import { Env, validateEnv } from './env';

/** Makes the validated `Env` injectable everywhere; tests override it with their own. */
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => validateEnv(process.env) }],
  exports: [Env],
})
export class EnvModule {}
