-- Drives the bundled language server from Neovim's built-in LSP client (0.7+), the proof
-- that it speaks plain LSP and not only to VS Code. Run through test/nvim/run.sh, which sets:
--   PLT_NODE       node binary
--   PLT_SERVER     path of dist/server.js
--   PLT_WORKSPACE  a scratch copy of test/editor/fixture
-- Prints one line per test and "nvim: N passed, N failed", exits non-zero on any failure.

local node = assert(os.getenv('PLT_NODE'), 'PLT_NODE not set')
local server = assert(os.getenv('PLT_SERVER'), 'PLT_SERVER not set')
local workspace = assert(os.getenv('PLT_WORKSPACE'), 'PLT_WORKSPACE not set')
local timeout_ms = tonumber(os.getenv('PLT_TIMEOUT_MS') or '20000')

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local endpoints_path = workspace .. '/endpoints.tf'
local network_path = workspace .. '/network.tf'
local endpoints_uri = vim.uri_from_fname(endpoints_path)
local network_uri = vim.uri_from_fname(network_path)

-- Raw publishDiagnostics params per URI, straight from the wire, so the assertions see
-- exactly what the server sent (codes, ranges) rather than Neovim's converted form.
local published = {}
local server_stderr = {}
local exited = false

local client_id = vim.lsp.start_client({
  name = 'privatelink-terraform',
  cmd = { node, server, '--stdio' },
  root_dir = workspace,
  workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'fixture' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result then published[result.uri] = result.diagnostics end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
  on_exit = function() exited = true end,
})

-- The line (0-based) of the first occurrence of `needle` in a file, so the expected
-- position follows the fixture instead of being typed in twice.
local function line_of(path, needle)
  local n = 0
  for line in io.lines(path) do
    if line:find(needle, 1, true) then return n end
    n = n + 1
  end
  error(needle .. ' not found in ' .. path)
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  -- Neovim 0.7 calls *.tf "tf"; the server expects the terraform language id.
  vim.bo[buf].filetype = 'terraform'
  assert(vim.lsp.buf_attach_client(buf, client_id), 'could not attach the client to ' .. path)
  return buf
end

local function find_code(diags, code)
  for _, d in ipairs(diags or {}) do
    if d.code == code then return d end
  end
end

local function codes(diags)
  local list = {}
  for _, d in ipairs(diags or {}) do
    table.insert(list, tostring(d.code) .. '@' .. d.range.start.line)
  end
  return '[' .. table.concat(list, ', ') .. ']'
end

local tests = {}
local function test(name, fn) table.insert(tests, { name = name, fn = fn }) end

local state = {}

test('the server starts and initializes over stdio', function()
  assert(client_id, 'start_client returned nil')
  local ok = vim.wait(timeout_ms, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited or (c ~= nil and c.initialized == true)
  end, 50)
  assert(ok and not exited, 'the server did not initialize (exited: ' .. tostring(exited) .. ')')
end)

test('PL101 is reported on private_dns_enabled in endpoints.tf', function()
  state.network_buf = open(network_path)
  state.endpoints_buf = open(endpoints_path)
  local want_line = line_of(endpoints_path, 'private_dns_enabled')
  local ok = vim.wait(timeout_ms, function() return find_code(published[endpoints_uri], 'PL101') ~= nil end, 50)
  assert(ok, 'no PL101 for endpoints.tf; published: ' .. codes(published[endpoints_uri]))
  local d = find_code(published[endpoints_uri], 'PL101')
  assert(d.range.start.line == want_line,
    ('PL101 on line %d, expected %d'):format(d.range.start.line, want_line))
  assert(d.severity == vim.lsp.protocol.DiagnosticSeverity.Error, 'PL101 should be an error, got ' .. tostring(d.severity))
  state.diagnostic = d
  -- Neovim turned it into a buffer diagnostic too, so :lua vim.diagnostic shows it.
  local shown = vim.diagnostic.get(state.endpoints_buf, { lnum = want_line })
  assert(#shown > 0, 'vim.diagnostic has nothing on line ' .. want_line)
end)

test('a quickfix for PL101 edits the VPC in network.tf', function()
  assert(state.diagnostic, 'needs the PL101 diagnostic')
  local params = {
    textDocument = { uri = endpoints_uri },
    range = state.diagnostic.range,
    context = { diagnostics = { state.diagnostic } },
  }
  local responses = vim.lsp.buf_request_sync(state.endpoints_buf, 'textDocument/codeAction', params, timeout_ms)
  assert(responses, 'no answer to textDocument/codeAction')
  local response = responses[client_id]
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response and response.err))
  local fix
  for _, action in ipairs(response.result or {}) do
    if action.kind and action.kind:find('^quickfix') then
      fix = fix or action
    end
  end
  assert(fix, 'no quickfix among: ' .. vim.inspect(response.result))
  local edit = fix.edit
  if fix.command == nil and edit == nil then
    -- Resolvable actions carry their edit only after codeAction/resolve.
    local resolved = vim.lsp.buf_request_sync(state.endpoints_buf, 'codeAction/resolve', fix, timeout_ms)
    edit = resolved and resolved[client_id] and resolved[client_id].result and resolved[client_id].result.edit
  end
  assert(edit, 'the quickfix has no workspace edit: ' .. vim.inspect(fix))
  local text = vim.inspect(edit)
  assert(text:find(network_uri, 1, true), 'the quickfix does not edit network.tf: ' .. text)
  assert(text:find('enable_dns_hostnames', 1, true), 'the quickfix does not set enable_dns_hostnames: ' .. text)
  state.edit = edit
end)

test('applying the quickfix clears PL101', function()
  assert(state.edit, 'needs the quickfix edit')
  vim.lsp.util.apply_workspace_edit(state.edit, 'utf-16')
  local lines = table.concat(vim.api.nvim_buf_get_lines(state.network_buf, 0, -1, false), '\n')
  assert(lines:find('enable_dns_hostnames%s*=%s*true'), 'network.tf buffer after the edit:\n' .. lines)
  local ok = vim.wait(timeout_ms, function()
    return published[endpoints_uri] ~= nil and find_code(published[endpoints_uri], 'PL101') == nil
  end, 50)
  assert(ok, 'PL101 is still reported after the fix: ' .. codes(published[endpoints_uri]))
end)

local passed, failed = 0, 0
for _, t in ipairs(tests) do
  local ok, err = pcall(t.fn)
  if ok then
    passed = passed + 1
    out('  ok   ' .. t.name)
  else
    failed = failed + 1
    out('  FAIL ' .. t.name .. '\n       ' .. tostring(err))
  end
end

if client_id and not exited then
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return exited end, 50)
  if not exited then vim.lsp.stop_client(client_id, true) end
end

out(('nvim: %d passed, %d failed'):format(passed, failed))
-- :cquit with a count sets Neovim's exit status (0 when all passed).
vim.cmd((failed == 0 and 0 or 1) .. 'cquit!')
