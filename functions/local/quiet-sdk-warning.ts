// Imported first by local entry points: the AWS SDK warns on every start that node 20 support
// ends in 2027. The project supports node ≥20 on purpose (Lambda runs nodejs22.x), so locally
// the warning is noise to a new user.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
