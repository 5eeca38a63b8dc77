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

// Resource and service-network endpoints (VPC resources through PrivateLink and VPC Lattice).
// AWS bills every PrivateLink endpoint per hour in each Availability Zone it is provisioned in;
// the PrivateLink pricing page lists the per-GB rates of resource endpoints (the same tiers
// as Interface endpoints), and VPC Lattice's pricing page says service-network endpoints and
// VPC associations cost nothing of their own: the services and resources reached through the
// service network are billed by VPC Lattice.

/**
 * USD per resource endpoint per Availability Zone per hour. Assumed equal to the Interface
 * endpoint's hourly rate: the pricing page bills resource endpoints per endpoint-hour in each
 * AZ, and its regional table is the place to check the figure for a region.
 */
export const RESOURCE_ENDPOINT_HOURLY_USD = INTERFACE_ENDPOINT_HOURLY_USD;
/** USD per GB processed by resource endpoints (first tier: the first PB a month in a region). */
export const RESOURCE_ENDPOINT_PER_GB_USD = 0.01;
/** USD per GB of data processed when reaching VPC resources through a service network (first tier). */
export const SERVICE_NETWORK_RESOURCE_PER_GB_USD = 0.01;

/** Monthly hourly charge of a resource endpoint in `azCount` Availability Zones. */
export function resourceEndpointMonthlyUsd(azCount: number): number {
  return Math.round(RESOURCE_ENDPOINT_HOURLY_USD * HOURS_PER_MONTH * Math.max(0, azCount) * 100) / 100;
}

/** One sentence on what a resource endpoint costs per month, for `azCount` AZs when known. */
export function resourceEndpointCostText(azCount: number | undefined): string {
  const perAz = formatUsd(resourceEndpointMonthlyUsd(1));
  const perGb = formatUsd(RESOURCE_ENDPOINT_PER_GB_USD);
  if (azCount === undefined || azCount < 1) return `about ${perAz} per AZ per month plus ${perGb} per GB`;
  const az = azCount === 1 ? '1 AZ' : `${azCount} AZs`;
  return `about ${formatUsd(resourceEndpointMonthlyUsd(azCount))} per month in ${az} (${perAz} per AZ) plus ${perGb} per GB`;
}

/** One sentence on what a service-network endpoint costs. */
export function serviceNetworkEndpointCostText(): string {
  return `no charge of its own; VPC Lattice bills the services and resources reached through the service network (VPC resources ${formatUsd(SERVICE_NETWORK_RESOURCE_PER_GB_USD)} per GB)`;
}

// Several endpoints of one block (`for_each`, `count`): AWS bills each endpoint in each of its
// AZs, so the figure is for the endpoint-AZs, and the text says how they are counted.

/** The AZs billed over a block's endpoints: the sum of each endpoint's AZs. */
export function endpointAzTotal(azCounts: readonly number[]): number {
  return azCounts.reduce((a, b) => a + Math.max(0, b), 0);
}

/**
 * How endpoints and their AZs are counted, given each endpoint's number of AZs:
 * `2 AZs` for one endpoint, `4 endpoints × 2 AZs`, or `3 endpoints in 1 to 3 AZs (6 endpoint-AZs)`.
 */
export function endpointAzText(azCounts: readonly number[]): string {
  const azs = (n: number) => `${n} AZ${n === 1 ? '' : 's'}`;
  const n = azCounts.length;
  if (n === 1) return azs(azCounts[0]);
  const lo = Math.min(...azCounts);
  const hi = Math.max(...azCounts);
  if (lo === hi) return `${n} endpoints × ${azs(lo)}`;
  return `${n} endpoints in ${lo} to ${azs(hi)} (${endpointAzTotal(azCounts)} endpoint-AZs)`;
}
