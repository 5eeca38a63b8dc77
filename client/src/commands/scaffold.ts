// The scaffolding commands: the client asks the questions (module, services, load balancer,
// service name, resource configuration, subnets), the server computes the edit, and it is applied as one undoable
// WorkspaceEdit, after a refactoring preview when the user asks for one. What there is to pick
// (modules, services, bundles) comes from the server too: the client carries none of its data.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient/node';
import {
  MODULES_REQUEST,
  SCAFFOLD_CHOICES_REQUEST,
  SCAFFOLD_REQUEST,
  type ModuleEntry,
  type ModulesResult,
  type ScaffoldChoicesResult,
  type ScaffoldCommand,
  type ScaffoldParams,
} from '../../../server/src/protocol';

type Client = () => LanguageClient | undefined;

export function registerScaffoldCommands(context: vscode.ExtensionContext, client: Client): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('privatelink.addInterfaceEndpoints', (d?: Direct) =>
      run(client, 'addInterfaceEndpoints', addInterfaceEndpoints, d),
    ),
    vscode.commands.registerCommand('privatelink.addGatewayEndpoint', (d?: Direct) =>
      run(client, 'addGatewayEndpoint', addGatewayEndpoint, d),
    ),
    vscode.commands.registerCommand('privatelink.exposeService', (d?: Direct) => run(client, 'exposeService', exposeService, d)),
    vscode.commands.registerCommand('privatelink.connectToService', (d?: Direct) => run(client, 'connectToService', connectToService, d)),
    vscode.commands.registerCommand('privatelink.connectToResource', (d?: Direct) =>
      run(client, 'connectToResource', connectToResource, d),
    ),
  );
}

interface Ask {
  command: ScaffoldCommand;
  module: ModuleEntry;
  options: Record<string, unknown>;
}

type Questions = (modules: ModuleEntry[], c: LanguageClient) => Promise<Ask | undefined>;

/**
 * The answers given up front (other extensions, keybindings, the editor test suite): no
 * questions, and the edit is applied without asking unless `preview` is set.
 */
interface Direct {
  moduleDir: string;
  options?: Record<string, unknown>;
  preview?: boolean;
}

/** Runs a command; resolves with the summary of what was written (undefined when cancelled). */
async function run(getClient: Client, command: ScaffoldCommand, questions: Questions, direct?: Direct): Promise<string | undefined> {
  const c = getClient();
  if (!c) {
    void vscode.window.showWarningMessage('PrivateLink: the language server is not running.');
    return undefined;
  }
  try {
    let request: ScaffoldParams;
    if (direct && typeof direct.moduleDir === 'string') {
      request = { command, moduleDir: direct.moduleDir, options: direct.options ?? {} };
    } else {
      const { modules } = await c.sendRequest<ModulesResult>(MODULES_REQUEST, {});
      const ask = await questions(modules, c);
      if (!ask) return undefined;
      request = { command: ask.command, moduleDir: ask.module.uri, options: ask.options };
    }
    const lspEdit = await c.sendRequest<LspWorkspaceEdit>(SCAFFOLD_REQUEST, request);
    return await apply(c, lspEdit, direct ? (direct.preview ? 'Preview' : 'Apply') : undefined);
  } catch (e) {
    void vscode.window.showErrorMessage(`PrivateLink: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Shows the summary, then applies the edit as one undoable change, previewed if asked. */
async function apply(c: LanguageClient, lspEdit: LspWorkspaceEdit, given?: 'Apply' | 'Preview'): Promise<string | undefined> {
  const ann = Object.values(lspEdit.changeAnnotations ?? {})[0];
  const summary = ann ? [ann.label, ann.description].filter(Boolean).join(' ') : 'Done.';
  const hasChanges = (lspEdit.documentChanges?.length ?? 0) > 0;
  if (!hasChanges) {
    void vscode.window.showInformationMessage(`PrivateLink: ${summary}`);
    return summary;
  }
  const choice =
    given ??
    (await vscode.window.showInformationMessage(
      `PrivateLink: ${ann?.label ?? 'Apply the changes?'}`,
      { modal: true, detail: ann?.description },
      'Apply',
      'Preview',
    ));
  if (!choice) return undefined;
  // The refactoring preview opens for entries whose metadata needs confirmation.
  for (const a of Object.values(lspEdit.changeAnnotations ?? {})) a.needsConfirmation = choice === 'Preview';
  const edit = await c.protocol2CodeConverter.asWorkspaceEdit(lspEdit);
  const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: choice === 'Preview' });
  if (!ok) return undefined;
  const created = (lspEdit.documentChanges ?? []).find((d) => 'kind' in d && d.kind === 'create') as { uri: string } | undefined;
  if (created && !given) await vscode.window.showTextDocument(vscode.Uri.parse(created.uri), { preview: false });
  return summary;
}

function activeDir(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : undefined;
}

/** The module to write into: the only one, else a pick with the active editor's first. */
async function pickModule(modules: ModuleEntry[], filter: (m: ModuleEntry) => boolean, what: string): Promise<ModuleEntry | undefined> {
  const fit = modules.filter(filter);
  if (!fit.length) {
    void vscode.window.showWarningMessage(`PrivateLink: no module in the workspace has ${what}.`);
    return undefined;
  }
  if (fit.length === 1) return fit[0];
  const here = activeDir();
  fit.sort((a, b) => Number(b.dir === here) - Number(a.dir === here));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const items = fit.map((m) => ({
    label: root ? path.relative(root, m.dir) || '.' : m.dir,
    description: [m.vpcs.join(', '), m.endpoints.length ? `${m.endpoints.length} endpoints` : ''].filter(Boolean).join(' · '),
    module: m,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Which module?',
    placeHolder: `Modules with ${what}`,
    matchOnDescription: true,
  });
  return pick?.module;
}

async function pickVpc(m: ModuleEntry): Promise<string | undefined | null> {
  if (m.vpcs.length <= 1) return m.vpcs[0];
  const pick = await vscode.window.showQuickPick(m.vpcs, { title: 'Which VPC?' });
  return pick ?? null;
}

async function pickPolicy(): Promise<boolean | undefined | null> {
  const items = [
    { label: 'Follow the module', description: 'policies only if its endpoints already have them', value: undefined },
    { label: 'Scoped to my organization', description: 'aws:PrincipalOrgID condition, placeholder id to fill in', value: true },
    { label: 'No policy', description: 'the default full-access policy', value: false },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Endpoint policies' });
  return pick ? pick.value : null;
}

const addInterfaceEndpoints: Questions = async (modules, c) => {
  // Asked now, answered while the user picks the module and the VPC. A failure surfaces where
  // the answer is awaited (and not at all when the user cancels before).
  const choices = c.sendRequest<ScaffoldChoicesResult>(SCAFFOLD_CHOICES_REQUEST, {});
  choices.catch(() => undefined);
  const m = await pickModule(modules, (x) => x.vpcs.length > 0, 'a VPC');
  if (!m) return undefined;
  const vpc = await pickVpc(m);
  if (vpc === null) return undefined;
  const { services: offered, bundles } = await choices;
  const present = new Set(m.endpoints.map((e) => e.service).filter(Boolean));
  type Item = vscode.QuickPickItem & { bundle?: string; service?: string };
  const items: Item[] = [
    { label: 'Bundles', kind: vscode.QuickPickItemKind.Separator },
    ...bundles.map((b) => ({ label: `$(package) ${b.label}`, description: b.detail, bundle: b.id })),
    { label: 'Services', kind: vscode.QuickPickItemKind.Separator },
    ...offered.map((s) => ({
      label: s.name,
      description: s.title,
      detail: present.has(s.name) ? 'already has an endpoint in this module' : undefined,
      service: s.name,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Add interface endpoints',
    placeHolder: 'Search services by name; pick a bundle or several services',
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked?.length) return undefined;
  const services = picked.filter((p) => p.service).map((p) => p.service!);
  for (const b of picked.filter((p) => p.bundle)) services.push(...bundles.find((x) => x.id === b.bundle)!.services);
  const policy = await pickPolicy();
  if (policy === null) return undefined;
  return { command: 'addInterfaceEndpoints', module: m, options: { services: [...new Set(services)], vpc, policy } };
};

const addGatewayEndpoint: Questions = async (modules) => {
  const m = await pickModule(modules, (x) => x.vpcs.length > 0, 'a VPC');
  if (!m) return undefined;
  const vpc = await pickVpc(m);
  if (vpc === null) return undefined;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'S3', description: 'com.amazonaws.<region>.s3', value: 's3' },
      { label: 'DynamoDB', description: 'com.amazonaws.<region>.dynamodb', value: 'dynamodb' },
    ],
    { title: 'Add gateway endpoint' },
  );
  if (!pick) return undefined;
  const policy = await pickPolicy();
  if (policy === null) return undefined;
  return { command: 'addGatewayEndpoint', module: m, options: { service: pick.value, vpc, policy } };
};

function portInput(prompt: string, value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: prompt,
    value,
    validateInput: (v) => (v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535) ? undefined : 'A TCP port, 1 to 65535'),
  });
}

const exposeService: Questions = async (modules) => {
  const m = await pickModule(
    modules,
    (x) => x.vpcs.length > 0 || x.loadBalancers.some((l) => l.type === 'network'),
    'a VPC or a network load balancer',
  );
  if (!m) return undefined;
  const items = [
    ...m.loadBalancers
      .filter((l) => l.type === 'network')
      .map((l) => ({ label: l.address, description: 'existing network load balancer', lb: l.address })),
    { label: '$(add) New internal network load balancer…', description: 'with a target group and a TCP listener', lb: undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Expose a service over PrivateLink' });
  if (!pick) return undefined;
  if (pick.lb) return { command: 'exposeService', module: m, options: { loadBalancer: pick.lb } };
  const name = await vscode.window.showInputBox({
    title: 'Name of the service',
    value: 'service',
    validateInput: (v) => (/^[A-Za-z][A-Za-z0-9_-]*$/.test(v) ? undefined : 'Letters, digits, - and _'),
  });
  if (!name) return undefined;
  const port = await portInput('Port of the service', '443');
  if (port === undefined) return undefined;
  const vpc = await pickVpc(m);
  if (vpc === null) return undefined;
  return { command: 'exposeService', module: m, options: { name, port: port ? Number(port) : undefined, vpc } };
};

const SERVICE_NAME = /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+$/;

const connectToService: Questions = async (modules) => {
  const m = await pickModule(modules, (x) => x.vpcs.length > 0, 'a VPC');
  if (!m) return undefined;
  const vpc = await pickVpc(m);
  if (vpc === null) return undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const items = [
    {
      label: '$(edit) Enter a service name…',
      description: 'com.amazonaws.vpce.<region>.vpce-svc-…',
      service: undefined as { dir: string; address: string } | undefined,
    },
    ...modules.flatMap((x) =>
      x.endpointServices.map((s) => ({
        label: s.address,
        description: `${root ? path.relative(root, x.dir) || '.' : x.dir}${s.privateDnsName ? ` · ${s.privateDnsName}` : ''}`,
        service: { dir: x.uri, address: s.address },
      })),
    ),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Connect to an endpoint service', matchOnDescription: true });
  if (!pick) return undefined;
  const options: Record<string, unknown> = { vpc };
  if (pick.service) {
    options.service = pick.service;
  } else {
    const name = await vscode.window.showInputBox({
      title: 'Endpoint service name',
      placeHolder: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
      validateInput: (v) => (SERVICE_NAME.test(v.trim()) ? undefined : 'com.amazonaws.vpce.<region>.vpce-svc-<id>'),
    });
    if (!name) return undefined;
    options.serviceName = name.trim();
  }
  const port = await portInput('Port of the service (empty: its listener port, else 443)', '');
  if (port === undefined) return undefined;
  if (port) options.port = Number(port);
  return { command: 'connectToService', module: m, options };
};

const RESOURCE_CONFIGURATION_ARN = /^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]+$/;

const connectToResource: Questions = async (modules) => {
  const m = await pickModule(modules, (x) => x.vpcs.length > 0, 'a VPC');
  if (!m) return undefined;
  const vpc = await pickVpc(m);
  if (vpc === null) return undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const items = [
    {
      label: '$(edit) Enter a resource configuration ARN…',
      description: 'arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-…',
      configuration: undefined as { dir: string; address: string } | undefined,
    },
    ...modules.flatMap((x) =>
      (x.resourceConfigurations ?? []).map((r) => ({
        label: r.address,
        description: `${root ? path.relative(root, x.dir) || '.' : x.dir}${r.ports ? ` · ${r.ports}` : ''}`,
        configuration: { dir: x.uri, address: r.address },
      })),
    ),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Connect to a VPC resource', matchOnDescription: true });
  if (!pick) return undefined;
  const options: Record<string, unknown> = { vpc };
  if (pick.configuration) {
    options.configuration = pick.configuration;
  } else {
    const arn = await vscode.window.showInputBox({
      title: 'Resource configuration ARN',
      placeHolder: 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0',
      validateInput: (v) =>
        RESOURCE_CONFIGURATION_ARN.test(v.trim()) ? undefined : 'arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<id>',
    });
    if (!arn) return undefined;
    options.arn = arn.trim();
    // A shared configuration's ports are not in the workspace: ask for the one to admit.
    const port = await portInput('Port of the resource (empty: none, add the security group rule yourself)', '');
    if (port === undefined) return undefined;
    if (port) options.ports = [Number(port)];
  }
  const subnets = m.subnets?.[vpc ?? m.vpcs[0]] ?? [];
  if (subnets.length > 1) {
    const picked = await vscode.window.showQuickPick(
      subnets.map((s) => ({ label: s })),
      { title: 'Subnets of the endpoint (one per Availability Zone)', canPickMany: true, placeHolder: 'None picked: the private subnets' },
    );
    if (!picked) return undefined;
    if (picked.length) options.subnets = picked.map((p) => p.label);
  }
  return { command: 'connectToResource', module: m, options };
};
