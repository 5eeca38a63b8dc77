// The catalog of AWS services reachable through PrivateLink, as rules and hover use it.

export interface ServiceInfo {
  /** The service part of the name after the region: `s3`, `ecr.dkr`, `execute-api`. */
  name: string;
  /** Human name: `Amazon ECR (Docker registry API)`. */
  title: string;
  /** A Gateway endpoint exists (only S3 and DynamoDB). */
  gateway: boolean;
  /** An Interface endpoint exists. */
  interface: boolean;
  /** The service supports VPC endpoint policies. */
  policy: boolean;
  /** Private DNS applies to the Interface endpoint. */
  privateDns: boolean;
  /** The public DNS name private DNS answers for, `{region}` standing for the region. */
  privateDnsName?: string;
  /** IAM action prefixes of the service (`ecr` for both ecr.api and ecr.dkr). */
  iamPrefixes: string[];
  /**
   * Actions of other services that requests through the endpoint need, so that its policy
   * governs them too (CodeArtifact's `sts:GetServiceBearerToken`).
   */
  alsoActions?: string[];
  /** Name prefix when not `com.amazonaws` (`aws.api`, `aws.sagemaker`, `api.aws`). */
  prefix?: string;
  /** The name has no region (`com.amazonaws.iam`, `com.amazonaws.s3-global.accesspoint`). */
  global?: boolean;
}

export interface ServiceCatalog {
  /** Where the data comes from (AWS documentation pages, date compiled). */
  source: string;
  services: readonly ServiceInfo[];
  get(name: string): ServiceInfo | undefined;
  /** Up to `n` catalog names nearest to `name` (edit distance), best first. */
  nearest(name: string, n?: number): string[];
}
