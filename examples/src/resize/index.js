// Placeholder for the resize function of examples/photo-pipeline.stack.
// It logs each uploaded object; a real version would read the image from the
// uploads bucket, write a thumbnail to THUMBS and record it in TABLE.
exports.handler = async (event) => {
  const records = event.Records || [];
  for (const r of records) {
    console.log(JSON.stringify({
      stage: process.env.STAGE,
      bucket: r.s3 && r.s3.bucket.name,
      key: r.s3 && decodeURIComponent(r.s3.object.key.replace(/\+/g, " ")),
      thumbs: process.env.THUMBS,
      table: process.env.TABLE,
    }));
  }
  return { processed: records.length };
};
