-- Drives a headless Neovim (0.7 or 0.11) through one looplint scenario, the way a user would,
-- and reports what the user would see as JSON lines on stdout. The pytest test judges them.
--
-- Load it with `-S` after the user's configuration has started looplint for the buffer:
--   nvim --headless -S drive.lua FILE.py
-- Environment:
--   LOOPLINT_ACTION             'quickfix' (pick the preferred code action, then :write),
--                               'save' (just :write, so on-save fixes run), 'save_stalled'
--                               (:write while the server is stopped, so on-save fixes time out)
--                               or 'helper' (replace LOOPLINT_HELPER's text with
--                               LOOPLINT_HELPER_TEXT in another buffer, unsaved, and wait for
--                               this buffer's diagnostics to go)
--   LOOPLINT_EXPECTED_FINDINGS  how many diagnostics to wait for before acting
--   LOOPLINT_WAIT_MS            the longest any single wait may take

local action = os.getenv('LOOPLINT_ACTION')
local expected_findings = tonumber(os.getenv('LOOPLINT_EXPECTED_FINDINGS'))
local wait_ms = tonumber(os.getenv('LOOPLINT_WAIT_MS') or '8000')
local uv = vim.uv or vim.loop -- vim.uv from 0.10 on
local started_at = uv.hrtime()

local function elapsed_ms()
  return math.floor((uv.hrtime() - started_at) / 1e6)
end

local function report(event, fields)
  fields = fields or {}
  fields.event = event
  fields.ms = elapsed_ms()
  io.stdout:write(vim.json.encode(fields) .. '\n')
  io.stdout:flush()
end

local function looplint_client(buf)
  local list_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(list_clients({ bufnr = buf })) do
    if client.name == 'looplint' then
      return client
    end
  end
end

--- Diagnostics as Neovim holds them: 0-based lines, byte columns.
local function diagnostics(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      code = d.code,
      severity = d.severity,
      source = d.source,
      message = d.message,
    })
  end
  table.sort(items, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return items
end

--- Waits up to LOOPLINT_WAIT_MS for `condition`; a timeout is reported, not fatal.
local function wait_for(what, condition)
  if vim.wait(wait_ms, condition, 20) then
    return true
  end
  report('timeout', { waiting_for = what })
  return false
end

--- Stands in for the user at the code action menu: records the menu, picks the preferred action.
local function pick_preferred_action()
  vim.ui.select = function(items, _, on_choice)
    local titles, chosen, chosen_index = {}, nil, nil
    for index, item in ipairs(items) do
      local code_action = item.action or item[2] -- 0.11: {action=, ctx=}; 0.7: {client_id, action}
      table.insert(titles, code_action.title)
      if code_action.isPreferred and not chosen then
        chosen, chosen_index = item, index
      end
    end
    report('code_action_menu', { titles = titles, chosen = chosen_index and titles[chosen_index] })
    on_choice(chosen, chosen_index)
  end
end

local function run_quickfix(buf, first)
  pick_preferred_action()
  local function line_now()
    return vim.api.nvim_buf_get_lines(buf, first.lnum, first.lnum + 1, false)[1]
  end
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local line_before = line_now()
  vim.lsp.buf.code_action()
  wait_for('the quick fix to change the line', function()
    return line_now() ~= line_before
  end)
  report('quick_fix', { line = line_now() })
end

--- Edits the helper module in a buffer of its own; the first buffer's findings must follow.
local function run_helper_edit(buf, client)
  local most = #vim.diagnostic.get(buf)
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    callback = function()
      most = math.max(most, #vim.diagnostic.get(buf))
    end,
  })
  vim.cmd.edit(vim.fn.fnameescape(os.getenv('LOOPLINT_HELPER')))
  local helper = vim.api.nvim_get_current_buf()
  local helper_client
  wait_for('looplint to attach to the helper', function()
    helper_client = looplint_client(helper)
    return helper_client ~= nil
  end)
  report('helper_attached', { same_client = helper_client ~= nil and helper_client.id == client.id })
  local text = vim.split(os.getenv('LOOPLINT_HELPER_TEXT'), '\n', { plain = true })
  vim.api.nvim_buf_set_lines(helper, 0, -1, false, text)
  wait_for('the diagnostics to follow the helper', function()
    return #vim.diagnostic.get(buf) == 0
  end)
  vim.wait(300, function() return false end, 20) -- a stale copy (the other channel) would show now
  report('after_helper_edit', { diagnostics = diagnostics(buf), most = most })
end

--- The looplint server's process id: the one child of this Neovim that runs Python.
local function server_pid()
  for _, pid in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
    local process = vim.api.nvim_get_proc(pid)
    if process and (process.name:match('python') or process.name:match('looplint')) then
      return pid
    end
  end
end

--- Writes the buffer while the server is stopped, recording the messages the user is shown.
local function write_with_the_server_stopped()
  local pid = server_pid()
  local shown = {}
  vim.notify = function(message, level)
    table.insert(shown, { message = message, level = level })
  end
  uv.kill(pid, 'sigstop')
  vim.cmd('write')
  uv.kill(pid, 'sigcont')
  report('notifications', { items = shown })
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local client
  if not wait_for('looplint to attach', function()
    client = looplint_client(buf)
    return client ~= nil and client.initialized ~= false
  end) then
    return
  end
  local version = vim.version()
  report('attached', {
    nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch),
    cmd = client.config.cmd,
    root_dir = client.config.root_dir,
    offset_encoding = client.offset_encoding,
  })

  wait_for(expected_findings .. ' diagnostics', function()
    return #vim.diagnostic.get(buf) >= expected_findings
  end)
  vim.wait(300, function() return false end, 20) -- a duplicate report (push and pull) would land now
  local found = diagnostics(buf)
  report('diagnostics', { items = found })
  if #found == 0 then
    return
  end
  if action == 'helper' then
    run_helper_edit(buf, client)
    return
  end

  if action == 'quickfix' then
    run_quickfix(buf, found[1])
  end
  if action == 'save_stalled' then
    write_with_the_server_stopped()
    report('after_save', { modified = vim.bo[buf].modified })
    return
  end
  vim.cmd('write')
  wait_for('the diagnostics to clear', function()
    return #vim.diagnostic.get(buf) == 0
  end)
  report('after_save', {
    diagnostics = diagnostics(buf),
    modified = vim.bo[buf].modified,
  })
end

vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then
    report('error', { message = tostring(err) })
  end
  report('done')
  vim.cmd('qall!')
end)
