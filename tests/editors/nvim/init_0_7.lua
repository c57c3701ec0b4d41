-- A Neovim 0.7 user's init.lua for looplint. 0.7 has neither vim.lsp.config nor vim.lsp.start,
-- so the client is started by hand for each Python buffer and shared between them.

vim.g.loaded_python3_provider = 0 -- probing for a Python provider would cost a second

local looplint_client_id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args)
    local pyproject = vim.fn.findfile('pyproject.toml', vim.fn.expand('%:p:h') .. ';')
    looplint_client_id = looplint_client_id
      or vim.lsp.start_client({
        name = 'looplint',
        cmd = { 'looplint', 'server' },
        root_dir = vim.fn.fnamemodify(pyproject ~= '' and pyproject or '.', ':p:h'),
        init_options = { settings = {} },
      })
    vim.lsp.buf_attach_client(args.buf, looplint_client_id)
  end,
})
