import * as assert from 'node:assert/strict';
import {
  formatUsd,
  HOURS_PER_MONTH,
  INTERFACE_ENDPOINT_HOURLY_USD,
  interfaceEndpointCostText,
  interfaceEndpointMonthlyUsd,
} from '../../server/src/query/cost';

describe('endpoint cost model', () => {
  it('charges per AZ per hour, 730 hours a month', () => {
    assert.equal(INTERFACE_ENDPOINT_HOURLY_USD * HOURS_PER_MONTH, 7.3);
    assert.equal(interfaceEndpointMonthlyUsd(1), 7.3);
    assert.equal(interfaceEndpointMonthlyUsd(3), 21.9);
    assert.equal(interfaceEndpointMonthlyUsd(0), 0);
  });

  it('formats dollars with two decimals and thousands separators', () => {
    assert.equal(formatUsd(7.3), 'USD 7.30');
    assert.equal(formatUsd(1314), 'USD 1,314.00');
    assert.equal(formatUsd(0), 'USD 0.00');
  });

  it('states the figure for a known or unknown number of AZs', () => {
    assert.equal(interfaceEndpointCostText(2), 'about USD 14.60 per month in 2 AZs (USD 7.30 per AZ) plus USD 0.01 per GB');
    assert.equal(interfaceEndpointCostText(1), 'about USD 7.30 per month in 1 AZ (USD 7.30 per AZ) plus USD 0.01 per GB');
    assert.equal(interfaceEndpointCostText(undefined), 'about USD 7.30 per AZ per month plus USD 0.01 per GB');
  });
});
