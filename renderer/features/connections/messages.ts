import { defineMessages } from "../../i18n/define";

/** "Test connection" in the COS profile form: the button and every outcome in plain words. */
export const connectionTestMessages = defineMessages(
  {
    "connectionTest.button": "Test connection",
    "connectionTest.testing": "Testing the connection…",
    "connectionTest.ok":
      "Connected. The keys work and the bucket {bucket} in {region} answered; it already holds files.",
    "connectionTest.okEmpty":
      "Connected. The keys work and the bucket {bucket} in {region} answered; it is empty.",
    "connectionTest.unknownSecretId":
      "Wrong key: COS does not know this SecretId. Copy it again from the API keys page of the Tencent Cloud console.",
    "connectionTest.secretKeyMismatch":
      "Wrong key: the SecretKey does not belong to this SecretId. Copy both again, without spaces around them.",
    "connectionTest.notAllowed":
      "The keys are real but may not read this bucket. Give the sub-account read access to it, or use other keys.",
    "connectionTest.tokenExpired":
      "The temporary keys have expired. Get a new SecretId, SecretKey and session token, then test again.",
    "connectionTest.wrongRegion":
      "Wrong region: COS has no region called “{region}”. Regions look like ap-guangzhou; the bucket's overview page shows its region.",
    "connectionTest.bucketNotFound":
      "Bucket not found: there is no bucket {bucket} in {region}. Check the name (BucketName-APPID) and that the bucket is in this region.",
    "connectionTest.clockBehind": "This computer's clock is {amount} behind COS's.",
    "connectionTest.clockAhead": "This computer's clock is {amount} ahead of COS's.",
    "connectionTest.clockWrong": "COS says this computer's clock is wrong.",
    "connectionTest.clockCorrected":
      "The connection works because Picops adjusts for it, but set the clock to update automatically.",
    "connectionTest.clockRefused":
      "COS refused the request because of the time. Set the clock to update automatically and test again.",
    "connectionTest.hostNotFound":
      "Cannot reach COS: the address {host} does not exist. Check the custom domain, or this network's DNS.",
    "connectionTest.refused":
      "Cannot reach COS: {host} refused the connection. Check the custom domain, and any proxy or firewall.",
    "connectionTest.timedOut":
      "Cannot reach COS: {host} did not answer in time. Check that this computer is online.",
    "connectionTest.networkDown":
      "Cannot reach COS: this computer seems to be offline. Check the network, then test again.",
    "connectionTest.other": "COS answered {code}: {message}",
    "connectionTest.seconds": "{n} seconds",
    "connectionTest.minutes": "{n} minutes",
    "connectionTest.hours": "{n} hours",
  },
  {
    "connectionTest.button": "测试连接",
    "connectionTest.testing": "正在测试连接…",
    "connectionTest.ok": "连接成功。密钥有效，{region} 地域的存储桶 {bucket} 已响应，桶中已有文件。",
    "connectionTest.okEmpty": "连接成功。密钥有效，{region} 地域的存储桶 {bucket} 已响应，桶为空。",
    "connectionTest.unknownSecretId":
      "密钥错误：COS 无法识别该 SecretId。请从腾讯云控制台的 API 密钥页面重新复制。",
    "connectionTest.secretKeyMismatch":
      "密钥错误：该 SecretKey 与 SecretId 不匹配。请重新复制两者，注意前后不要带空格。",
    "connectionTest.notAllowed":
      "密钥有效，但无权读取该存储桶。请为子账号授予该存储桶的读取权限，或改用其他密钥。",
    "connectionTest.tokenExpired": "临时密钥已过期。请获取新的 SecretId、SecretKey 和会话令牌后重新测试。",
    "connectionTest.wrongRegion":
      "地域错误：COS 没有名为“{region}”的地域。地域形如 ap-guangzhou，可在存储桶的概览页查看其所在地域。",
    "connectionTest.bucketNotFound":
      "未找到存储桶：{region} 地域中没有存储桶 {bucket}。请检查名称（BucketName-APPID），并确认存储桶位于该地域。",
    "connectionTest.clockBehind": "本机时钟比 COS 慢 {amount}。",
    "connectionTest.clockAhead": "本机时钟比 COS 快 {amount}。",
    "connectionTest.clockWrong": "COS 认为本机时钟不准确。",
    "connectionTest.clockCorrected": "Picops 已自动校正，连接可用，但仍建议开启自动校时。",
    "connectionTest.clockRefused": "COS 因时间不符拒绝了请求。请开启自动校时后重新测试。",
    "connectionTest.hostNotFound": "无法连接 COS：地址 {host} 不存在。请检查自定义域名或本网络的 DNS。",
    "connectionTest.refused": "无法连接 COS：{host} 拒绝了连接。请检查自定义域名以及代理或防火墙设置。",
    "connectionTest.timedOut": "无法连接 COS：{host} 未及时响应。请确认本机已联网。",
    "connectionTest.networkDown": "无法连接 COS：本机似乎已离线。请检查网络后重新测试。",
    "connectionTest.other": "COS 返回 {code}：{message}",
    "connectionTest.seconds": "{n} 秒",
    "connectionTest.minutes": "{n} 分钟",
    "connectionTest.hours": "{n} 小时",
  },
);
