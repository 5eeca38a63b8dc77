// AWS services that integrate with AWS PrivateLink.
// Sources: AWS PrivateLink Guide, "AWS services that integrate with AWS PrivateLink"
// (docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html) and
// "Gateway endpoints" (gateway-endpoints.html).

import type { ServiceInfo } from './catalog-types';

export const SOURCE =
  'AWS PrivateLink Guide: "AWS services that integrate with AWS PrivateLink" and "Gateway endpoints"';

function svc(name: string, title: string, iam: string[], extra: Partial<ServiceInfo> = {}): ServiceInfo {
  return { name, title, gateway: false, interface: true, policy: true, privateDns: true, iamPrefixes: iam, ...extra };
}

export const SERVICES: readonly ServiceInfo[] = [
  svc('s3', 'Amazon S3', ['s3'], { gateway: true, privateDnsName: 's3.{region}.amazonaws.com' }),
  svc('dynamodb', 'Amazon DynamoDB', ['dynamodb'], { gateway: true, privateDnsName: 'dynamodb.{region}.amazonaws.com' }),
  svc('ecr.api', 'Amazon ECR (API)', ['ecr'], { privateDnsName: 'api.ecr.{region}.amazonaws.com' }),
  svc('ecr.dkr', 'Amazon ECR (Docker registry)', ['ecr'], { privateDnsName: '*.dkr.ecr.{region}.amazonaws.com' }),
  svc('logs', 'Amazon CloudWatch Logs', ['logs'], { privateDnsName: 'logs.{region}.amazonaws.com' }),
  svc('ssm', 'AWS Systems Manager', ['ssm'], { privateDnsName: 'ssm.{region}.amazonaws.com' }),
  svc('ssmmessages', 'Systems Manager Session Manager messages', ['ssmmessages'], { privateDnsName: 'ssmmessages.{region}.amazonaws.com' }),
  svc('ec2messages', 'Systems Manager Agent messages', ['ec2messages'], { privateDnsName: 'ec2messages.{region}.amazonaws.com' }),
  svc('sts', 'AWS STS', ['sts'], { privateDnsName: 'sts.{region}.amazonaws.com' }),
  svc('kms', 'AWS KMS', ['kms'], { privateDnsName: 'kms.{region}.amazonaws.com' }),
  svc('secretsmanager', 'AWS Secrets Manager', ['secretsmanager'], { privateDnsName: 'secretsmanager.{region}.amazonaws.com' }),
  svc('sqs', 'Amazon SQS', ['sqs'], { privateDnsName: 'sqs.{region}.amazonaws.com' }),
  svc('sns', 'Amazon SNS', ['sns'], { privateDnsName: 'sns.{region}.amazonaws.com' }),
  svc('ec2', 'Amazon EC2', ['ec2'], { privateDnsName: 'ec2.{region}.amazonaws.com' }),
  svc('ecs', 'Amazon ECS', ['ecs'], { privateDnsName: 'ecs.{region}.amazonaws.com' }),
  svc('ecs-agent', 'Amazon ECS agent', ['ecs'], { privateDnsName: 'ecs-a-*.{region}.amazonaws.com' }),
  svc('ecs-telemetry', 'Amazon ECS telemetry', ['ecs'], { privateDnsName: 'ecs-t-*.{region}.amazonaws.com' }),
  svc('eks', 'Amazon EKS', ['eks'], { privateDnsName: 'eks.{region}.amazonaws.com' }),
  svc('elasticloadbalancing', 'Elastic Load Balancing', ['elasticloadbalancing'], { privateDnsName: 'elasticloadbalancing.{region}.amazonaws.com' }),
  svc('autoscaling', 'Amazon EC2 Auto Scaling', ['autoscaling'], { privateDnsName: 'autoscaling.{region}.amazonaws.com' }),
  svc('execute-api', 'Amazon API Gateway (private APIs)', ['execute-api'], { privateDnsName: '*.execute-api.{region}.amazonaws.com' }),
  svc('lambda', 'AWS Lambda', ['lambda'], { privateDnsName: 'lambda.{region}.amazonaws.com' }),
  svc('monitoring', 'Amazon CloudWatch (metrics)', ['cloudwatch'], { privateDnsName: 'monitoring.{region}.amazonaws.com' }),
];
