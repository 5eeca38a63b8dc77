// The cost model of rules.md, for messages, hover and code lens. Figures are estimates: AWS's
// list price in most regions (some regions charge more), without data-processing tiers.

/** USD per Interface endpoint per Availability Zone (one subnet) per hour. */
export const INTERFACE_ENDPOINT_HOURLY_USD = 0.01;
/** USD per GB processed by an Interface endpoint (first tier). */
export const INTERFACE_ENDPOINT_PER_GB_USD = 0.01;
/** Hours in the average month, as AWS's pricing pages count them. */
export const HOURS_PER_MONTH = 730;
/** Gateway endpoints (S3, DynamoDB) cost nothing. */
export const GATEWAY_ENDPOINT_MONTHLY_USD = 0;
/** Stated wherever a figure is shown. */
export const COST_ASSUMPTION = 'estimate at the most common regional price, before data processing';

/** Monthly hourly charge of an Interface endpoint in `azCount` Availability Zones. */
export function interfaceEndpointMonthlyUsd(azCount: number): number {
  return Math.round(INTERFACE_ENDPOINT_HOURLY_USD * HOURS_PER_MONTH * Math.max(0, azCount) * 100) / 100;
}

/** `USD 7.30`, `USD 1,314.00`. */
export function formatUsd(amount: number): string {
  const [int, frac] = amount.toFixed(2).split('.');
  return `USD ${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** One sentence on what an Interface endpoint costs per month, for `azCount` AZs when known. */
export function interfaceEndpointCostText(azCount: number | undefined): string {
  const perAz = formatUsd(interfaceEndpointMonthlyUsd(1));
  const perGb = formatUsd(INTERFACE_ENDPOINT_PER_GB_USD);
  if (azCount === undefined || azCount < 1) return `about ${perAz} per AZ per month plus ${perGb} per GB`;
  const az = azCount === 1 ? '1 AZ' : `${azCount} AZs`;
  return `about ${formatUsd(interfaceEndpointMonthlyUsd(azCount))} per month in ${az} (${perAz} per AZ) plus ${perGb} per GB`;
}
