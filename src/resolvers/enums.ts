// UQPAY is inconsistent about enum case (transfer_status "completed" vs "COMPLETED"); the schema is UPPER_CASE.
export function upperEnum<T extends string>(value: string | null | undefined): T | null {
  return value ? (value.toUpperCase() as T) : null;
}
