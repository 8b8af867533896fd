// Messages of the login page.
export default {
  en: {
    'login.title': 'Log in to ParkGrid',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.missing': 'Enter your username and password.',
    'login.invalid': 'Wrong username or password.',
    'login.throttled': 'Too many failed attempts. Please wait 15 minutes and try again.',
    'login.busy': 'The server is busy. Please try again in a moment.',
  },
  'zh-CN': {
    'login.title': '登录 ParkGrid',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.missing': '请输入用户名和密码。',
    'login.invalid': '用户名或密码错误。',
    'login.throttled': '失败次数过多，请 15 分钟后再试。',
    'login.busy': '服务器繁忙，请稍后再试。',
  },
};
