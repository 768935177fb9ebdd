import {
  FIELD_VALUES_LIMITS,
  FILTER_LIMITS,
  fieldValueText,
  type LogEntry,
  type LogFieldValues,
} from '@redtail/contracts';

/**
 * Counts one field's values over the entries a scan visits. Its memory is bounded whatever the
 * store holds: at most `FIELD_VALUES_LIMITS.distinct` values are told apart, each no longer than a
 * `where` condition can select (longer ones could not be filtered on anyway); the rest count as
 * `other`.
 */
export class FieldValueTally {
  private readonly counts = new Map<string, number>();
  private readonly longest: number;
  private unlisted = 0;
  private missing = 0;
  private counted = 0;

  constructor(
    private readonly field: string,
    private readonly distinct: number = FIELD_VALUES_LIMITS.distinct,
  ) {
    // `path=value` must fit a condition.
    this.longest = FILTER_LIMITS.whereLength - field.length - 1;
  }

  add(entry: LogEntry): void {
    this.counted += 1;
    const value = fieldValueText(entry, this.field);
    if (value === undefined) {
      this.missing += 1;
      return;
    }
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + 1);
    else if (value.length <= this.longest && this.counts.size < this.distinct) {
      this.counts.set(value, 1);
    } else this.unlisted += 1;
  }

  /** The `top` most frequent values (equal counts in value order); the rest as `other`. */
  result(top: number, complete: boolean): LogFieldValues {
    const all = [...this.counts].sort(
      ([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0),
    );
    const listed = all.slice(0, top);
    const rest = all.slice(top).reduce((sum, [, count]) => sum + count, 0);
    return {
      field: this.field,
      values: listed.map(([value, count]) => ({ value, count })),
      other: this.unlisted + rest,
      missing: this.missing,
      counted: this.counted,
      complete,
    };
  }
}
