import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { createValidationPipe } from './validation';

class Query {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  service?: string;
}

const QUERY: ArgumentMetadata = { type: 'query', metatype: Query };

async function refusal(value: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    await createValidationPipe().transform(value, QUERY);
  } catch (error) {
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
  throw new Error('expected a 400');
}

describe('the validation pipe', () => {
  it.each([
    ['limit=abc', { limit: 'abc' }, 'limit: must be an integer number'],
    ['limit=0', { limit: '0' }, 'limit: must not be less than 1'],
    ['limit=5000', { limit: '5000' }, 'limit: must not be greater than 1000'],
    [
      'an unknown parameter',
      { colour: 'red' },
      'query: an unknown parameter (not named back); accepted: limit, service',
    ],
    [
      'a known parameter in brackets',
      { 'service[$ne]': 'x' },
      'service: must be given as service=<value>, without brackets',
    ],
  ])('gives one message for %s', async (_label, value, message) => {
    const body = await refusal(value);
    expect(body['message']).toBe(message);
    expect(body['errors']).toHaveLength(1);
  });

  it('gives one message per bad parameter', async () => {
    const body = await refusal({ limit: 'abc', colour: 'red' });
    expect(body['errors']).toHaveLength(2);
    expect(body['errors']).toEqual(
      expect.arrayContaining([
        { field: 'limit', reason: 'must be an integer number' },
        {
          field: 'query',
          reason: 'an unknown parameter (not named back); accepted: limit, service',
        },
      ]),
    );
  });
});

describe('the validation pipe on names the sender chose', () => {
  it('counts unknown parameters without repeating any of their names', async () => {
    const body = await refusal({ zqfirst: '1', 'zqsecond[$gt]': '2' });
    expect(body['errors']).toEqual([
      {
        field: 'query',
        reason: '2 unknown parameters (not named back); accepted: limit, service',
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('zq');
  });
});

describe('the validation pipe on deeply nested input', () => {
  class Options {
    @IsOptional()
    @IsString()
    name?: string;
  }

  it('refuses a body nested past its depth with a 400 instead of recursing into it', async () => {
    let deep: unknown = {};
    for (let level = 0; level < 10_000; level += 1) deep = { name: deep };
    const refused = createValidationPipe().transform(deep, { type: 'body', metatype: Options });
    await expect(refused).rejects.toBeInstanceOf(BadRequestException);
    await expect(refused).rejects.toMatchObject({
      response: { errors: [{ field: 'body', reason: 'nested deeper than 16 levels' }] },
    });
  });
});
